package io.surge.engine;

import io.surge.engine.codec.EntryHeader;
import io.surge.engine.codec.EntryReader;
import io.surge.engine.codec.sbe.PlaceOrderDecoder;
import io.surge.engine.domain.BusinessLogic;
import io.surge.engine.domain.OrderLines;
import io.surge.engine.domain.Status;
import io.surge.engine.execution.EntryReplayer;
import io.surge.engine.journal.ChronicleJournal;
import io.surge.engine.journal.Durability;
import io.surge.engine.journal.JournalTailer;
import org.agrona.collections.Long2LongHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Crash recovery for real: the engine runs under load in a child JVM and is killed with SIGKILL
 * at random moments, several times over on the same data directory; in another test the child's
 * journal runs out of room. After each, a restarted engine must hold every outcome the child
 * acknowledged (a retry of each acknowledged order gets the same answer, and its journal entry
 * says so), and the recovered state must equal a full replay of the journal from its first entry.
 */
class RecoveryIT {
    private static final int ROUNDS = 4;

    /** Holds the data folder and the child's log, so both are deleted after the test. */
    @TempDir
    Path workDir;
    private Path dataDir;
    private Path childLog;

    @Test
    void everyAcknowledgedOrderSurvivesSigkillAndRecoveryEqualsFullReplay() throws Exception {
        dataDir = workDir.resolve("data");
        childLog = workDir.resolve("child.log");
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        final Map<Long, Ack> acknowledged = new HashMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            // Far from earlier rounds' ids: the killed child may have journaled orders it never acknowledged.
            final long nextOrderId = 1 + round * 100_000_000L;
            final Durability durability = round % 2 == 0 ? Durability.PAGE_CACHE : Durability.FSYNC;
            final long killAfterMs = 400 + random.nextInt(1500);
            final List<Ack> acks = runAndKill(nextOrderId, durability, killAfterMs, seed);
            for (Ack ack : acks) {
                acknowledged.put(ack.orderId, ack);
            }
            assertTrue(acks.size() > 100, "seed " + seed + ": the child acknowledged only " + acks.size() + " orders");
            checkRecovery(acknowledged, durability, "seed " + seed + ", round " + round);
        }
    }

    /**
     * A full disk, for real: the child runs with a file-size limit ({@code ulimit -f}) that lets
     * the journal create its first cycle file but not grow it, so Chronicle's append fails when
     * the operating system refuses to extend the file (EFBIG, where a full disk gives ENOSPC).
     * The engine must halt, say why, and have journaled every order it acknowledged.
     */
    @Test
    void aJournalThatCannotGrowHaltsTheEngineAndLosesNoAcknowledgedOrder() throws Exception {
        dataDir = workDir.resolve("data");
        childLog = workDir.resolve("child.log");
        final long limitKib = ChronicleJournal.wholeCycleFileLength(1) / 1024;
        final Child child = startChild(1, Durability.PAGE_CACHE, limitKib);
        assertTrue(child.process.waitFor(180, TimeUnit.SECONDS), "the child never filled its journal within 180 s");
        child.reader.join(10_000);
        assertEquals(RecoveryTarget.HALTED_EXIT_CODE, child.process.exitValue(),
            "the child did not halt; its log:\n" + Files.readString(childLog));
        final String halted = child.haltLine();
        assertTrue(halted.contains("journal append failed") && halted.contains("File too large"), halted);
        final List<Ack> acks = child.acks();
        assertTrue(acks.size() > 10_000, "the child acknowledged only " + acks.size() + " orders");
        try (var cycles = Files.list(dataDir.resolve("journal"))) {
            assertTrue(cycles.filter(file -> file.toString().endsWith(ChronicleJournal.CYCLE_FILE_SUFFIX))
                .allMatch(file -> file.toFile().length() <= limitKib * 1024), "a cycle file grew past the limit");
        }
        final Map<Long, Ack> acknowledged = new HashMap<>();
        for (Ack ack : acks) {
            acknowledged.put(ack.orderId, ack);
        }
        checkRecovery(acknowledged, Durability.PAGE_CACHE, "after the journal filled");
    }

    private List<Ack> runAndKill(long firstOrderId, Durability durability, long killAfterMs, long seed) throws Exception {
        final Child child = startChild(firstOrderId, durability, 0);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (child.acks().isEmpty()) {
            if (!child.process.isAlive()) {
                fail("seed " + seed + ": the child died before acknowledging anything; its log:\n" + Files.readString(childLog));
            }
            assertTrue(System.nanoTime() < deadline, "seed " + seed + ": the child acknowledged nothing within 60 s");
            Thread.sleep(5);
        }
        Thread.sleep(killAfterMs);
        child.process.destroyForcibly(); // SIGKILL: no shutdown hook, no snapshot, no flush
        assertTrue(child.process.waitFor(30, TimeUnit.SECONDS), "child did not die");
        child.reader.join(10_000);
        return child.acks();
    }

    /** Starts {@link RecoveryTarget}, with files limited to {@code fileSizeLimitKib} (0: no limit). */
    private Child startChild(long firstOrderId, Durability durability, long fileSizeLimitKib) throws Exception {
        final List<String> command = new ArrayList<>();
        if (fileSizeLimitKib > 0) {
            // bash's ulimit counts KiB (POSIX shells may count 512-byte blocks)
            command.addAll(List.of("bash", "-c", "ulimit -f " + fileSizeLimitKib + " && exec \"$0\" \"$@\""));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String flag : System.getProperty("surge.jvmFlags", "").split(" ")) {
            if (!flag.isBlank()) {
                command.add(flag);
            }
        }
        command.addAll(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path"), RecoveryTarget.class.getName(),
            dataDir.toString(), Long.toString(firstOrderId), durability.configName()));
        final Process process = new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.appendTo(childLog.toFile()))
            .start();
        final Child child = new Child(process, new ArrayList<>(), new ArrayList<>());
        child.reader.start();
        return child;
    }

    /** A running {@link RecoveryTarget} and what it has printed so far. */
    private static final class Child {
        final Process process;
        final Thread reader;
        private final List<Ack> acks;
        private final List<String> haltLines;

        Child(Process process, List<Ack> acks, List<String> haltLines) {
            this.process = process;
            this.acks = acks;
            this.haltLines = haltLines;
            this.reader = new Thread(this::readOutput);
        }

        private void readOutput() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    final String[] parts = line.split(" ");
                    synchronized (this) {
                        if (parts[0].equals("ACK")) {
                            acks.add(new Ack(Long.parseLong(parts[1]), Status.valueOf(parts[2]), Long.parseLong(parts[3])));
                        } else if (parts[0].equals("HALTED")) {
                            haltLines.add(line);
                        }
                    }
                }
            } catch (Exception e) {
                // the pipe closes when the child dies
            }
        }

        synchronized List<Ack> acks() {
            return new ArrayList<>(acks);
        }

        synchronized String haltLine() {
            return haltLines.isEmpty() ? "(the child printed no HALTED line)" : haltLines.get(0);
        }
    }

    private void checkRecovery(Map<Long, Ack> acknowledged, Durability durability, String context) throws Exception {
        final Map<Long, Long> placeEntries = placeOrderSequences();
        final long recoveredHash;
        final long recoveredSequence;
        try (Engine engine = Engine.start(RecoveryTarget.config(dataDir, durability).toBuilder()
            .snapshotOnShutdown(false).build())) {
            recoveredSequence = engine.recovery().logic().appliedSequence();
            recoveredHash = engine.stateHash().get();
            final OrderLines lines = new OrderLines();
            for (Ack ack : acknowledged.values()) {
                assertTrue(ack.sequence <= recoveredSequence, context + ": order " + ack.orderId
                    + " was acknowledged at sequence " + ack.sequence + " but recovery ended at " + recoveredSequence);
                assertEquals(ack.sequence, placeEntries.getOrDefault(ack.orderId, -1L),
                    context + ": journal entry of acknowledged order " + ack.orderId);
            }
            // Retrying every acknowledged order must give back its first outcome.
            for (Ack ack : acknowledged.values()) {
                final Outcome retry = engine.placeOrder(ack.orderId, RecoveryTarget.customerOf(ack.orderId),
                    RecoveryTarget.linesOf(ack.orderId, lines)).get();
                assertEquals(ack.status, retry.status(), context + ": retry of order " + ack.orderId + " answered " + retry);
                assertEquals(0, retry.sequence(), context + ": a retry must not be journaled");
            }
            assertEquals(recoveredHash, engine.stateHash().get(), context + ": retries changed the state");
        }
        assertEquals(fullReplayHash(recoveredSequence), recoveredHash,
            context + ": recovered state differs from a full replay of the journal");
    }

    /** Replays the whole journal from its first entry into a fresh state, ignoring snapshots. */
    private long fullReplayHash(long upToSequence) {
        final BusinessLogic logic = new BusinessLogic();
        final EntryReplayer replayer = new EntryReplayer(logic);
        try (ChronicleJournal journal = ChronicleJournal.openReadOnly(dataDir.resolve("journal"));
             JournalTailer tailer = journal.tailer()) {
            tailer.toStart();
            while (tailer.read((buffer, offset, length, position) -> {
                if (EntryHeader.sequence(buffer, offset) > upToSequence) {
                    return false;
                }
                assertNull(replayer.apply(buffer, offset, length));
                return true;
            }, 1024) > 0) {
                if (logic.appliedSequence() >= upToSequence) {
                    break;
                }
            }
        }
        assertEquals(upToSequence, logic.appliedSequence());
        return logic.stateHash();
    }

    /** Order id to the sequence of the journal entry that placed it (its first placement). */
    private Map<Long, Long> placeOrderSequences() {
        final Long2LongHashMap sequences = new Long2LongHashMap(-1);
        final EntryReader reader = new EntryReader();
        final PlaceOrderDecoder placeOrder = new PlaceOrderDecoder();
        try (ChronicleJournal journal = ChronicleJournal.openReadOnly(dataDir.resolve("journal"));
             JournalTailer tailer = journal.tailer()) {
            tailer.toStart();
            while (tailer.read((buffer, offset, length, position) -> {
                assertNull(EntryHeader.problem(buffer, offset, length));
                final long sequence = EntryHeader.sequence(buffer, offset);
                reader.forEachMessage(buffer, offset, (index, templateId, b, body, blockLength, version) -> {
                    if (index == 0 && templateId == PlaceOrderDecoder.TEMPLATE_ID) {
                        final long orderId = placeOrder.wrap(b, body, blockLength, version).orderId();
                        if (!sequences.containsKey(orderId)) {
                            sequences.put(orderId, sequence);
                        }
                    }
                });
                return true;
            }, 1024) > 0) {
                // next chunk
            }
        }
        final Map<Long, Long> copy = new HashMap<>();
        sequences.forEach(copy::put);
        return copy;
    }

    private record Ack(long orderId, Status status, long sequence) {
    }

    static {
        // Child output goes next to the temp data directory; make sure its parent exists.
        new File(System.getProperty("java.io.tmpdir")).mkdirs();
    }
}
