package io.surge.engine.properties;

import io.surge.engine.codec.EntryHeader;
import io.surge.engine.domain.BusinessLogic;
import io.surge.engine.domain.CommandResult;
import io.surge.engine.domain.DecisionSettings;
import io.surge.engine.domain.OrderLines;
import io.surge.engine.domain.SerializedStateHash;
import io.surge.engine.domain.StateInput;
import io.surge.engine.domain.StateOutput;
import io.surge.engine.domain.Status;
import io.surge.engine.execution.EntryReplayer;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * State is a pure function of the journal: the same commands at the same engine times write
 * the same bytes, a replay of those bytes rebuilds the same state, and so does a snapshot plus
 * the rest of the journal. Streams come from {@link CommandStream}; every message names the seed.
 */
class DeterminismPropertiesTest {
    @Property(tries = 200)
    void theSameStreamWritesByteIdenticalJournals(@ForAll long seed) {
        final CommandStream stream = CommandStream.generate(seed);
        final JournalRun clean = new JournalRun(stream, null, -1, false);
        // The second run's entry buffer holds random bytes before every command, as a reused ring
        // slot holds an older command's: nothing of it may leak into the journal.
        final JournalRun dirty = new JournalRun(stream, new SplittableRandom(~seed), -1, false);
        assertEquals(clean.answers, dirty.answers, "seed " + seed + ": the answers differ");
        assertEquals(clean.entries.size(), dirty.entries.size(), "seed " + seed + ": the journals' lengths differ");
        for (int i = 0; i < clean.entries.size(); i++) {
            assertArrayEquals(clean.entries.get(i), dirty.entries.get(i), "seed " + seed + ": entry " + (i + 1) + " differs");
        }
        assertEquals(clean.finalStateHash, dirty.finalStateHash, "seed " + seed + ": the final state hashes differ");
    }

    @Property(tries = 200)
    void replayingTheJournalRebuildsTheSameState(@ForAll long seed) {
        final CommandStream stream = CommandStream.generate(seed);
        final JournalRun live = new JournalRun(stream, null, -1, true);
        final EntryReplayer replayer = new EntryReplayer(new BusinessLogic());
        replay(seed, live, replayer, 0, true);
        assertEquals(live.finalStateHash, replayer.logic().stateHash(), "seed " + seed + ": the replayed state differs");
    }

    @Property(tries = 200)
    void aSnapshotPlusTheRestOfTheJournalRebuildsTheSameState(
        @ForAll long seed, @ForAll @IntRange(min = 0, max = 1000) int snapshotPermille) {
        final CommandStream stream = CommandStream.generate(seed);
        final int snapshotAfter = (int) ((long) snapshotPermille * (stream.commands().size() - 1) / 1000);
        final JournalRun live = new JournalRun(stream, null, snapshotAfter, false);
        final String where = "seed " + seed + ", snapshot after command #" + snapshotAfter + " (entry "
            + live.snapshotSequence + ")";

        final UnsafeBuffer snapshot = new UnsafeBuffer(live.snapshot);
        final BusinessLogic restored;
        try {
            restored = BusinessLogic.readFrom(new StateInput(snapshot, 0, live.snapshot.length));
        } catch (RuntimeException e) {
            throw new AssertionError(where + ": the snapshot cannot be read back: " + e.getMessage(), e);
        }
        assertEquals(live.snapshotSequence, restored.appliedSequence(), where + ": the restored sequence differs");
        assertEquals(live.snapshotStateHash, restored.stateHash(), where + ": the restored state differs");
        assertEquals(live.snapshotStateHash, SerializedStateHash.of(new StateInput(snapshot, 0, live.snapshot.length)),
            where + ": the hash of the snapshot's bytes differs from stateHash()");

        final EntryReplayer replayer = new EntryReplayer(restored);
        replay(seed, live, replayer, (int) live.snapshotSequence, false);
        assertEquals(live.finalStateHash, replayer.logic().stateHash(),
            where + ": the snapshot plus the journal's tail rebuilt another state");
    }

    /** A snapshot is written in chunks: whatever their size, the state reads back and hashes alike. */
    @Property(tries = 100)
    void theStateReadsBackFromChunksOfAnySize(@ForAll long seed, @ForAll @IntRange(min = 8, max = 600) int chunkBytes) {
        final CommandStream stream = CommandStream.generate(seed);
        final JournalRun live = new JournalRun(stream, null, stream.commands().size() - 1, false);
        final String where = "seed " + seed + ", chunks of " + chunkBytes + " bytes";
        final BusinessLogic logic = BusinessLogic.readFrom(new StateInput(new UnsafeBuffer(live.snapshot), 0, live.snapshot.length));

        final StateOutput chunked = new StateOutput(chunkBytes);
        logic.writeTo(chunked);
        assertArrayEquals(live.snapshot, chunked.toBuffer().byteArray(), where + ": the chunks hold other bytes");
        assertEquals(live.snapshot.length, chunked.length(), where + ": the length differs");
        assertTrue(logic.snapshotBytesEstimate() >= chunked.length(),
            where + ": the estimate " + logic.snapshotBytesEstimate() + " is below the " + chunked.length() + " bytes written");
        assertEquals(live.finalStateHash, BusinessLogic.readFrom(chunked.toInput()).stateHash(), where + ": the state read back differs");
        assertEquals(live.finalStateHash, SerializedStateHash.of(chunked.toInput()), where + ": the hash of the chunks differs");
    }

    /**
     * The smallest case the snapshot property shrank to: capacities lowered by a Configure below
     * what the state already holds. The live engine accepts that (capacities only stop growth:
     * no new SKU, sale or reservation is admitted), so a snapshot of that state must load too.
     */
    @Example
    void aSnapshotTakenAfterCapacitiesWereLoweredBelowTheStateLoads() {
        final BusinessLogic logic = new BusinessLogic();
        final RecordingEventSink events = new RecordingEventSink();
        final CommandResult result = new CommandResult();
        for (long sku = 1; sku <= 2; sku++) {
            logic.defineSku(0, sku, 1, 100, 5, events, result.reset());
            logic.defineSale(0, sku, 0, 1_000, 0, new long[] {sku}, 1, events, result.reset());
            logic.placeOrder(0, sku, 7, new OrderLines().add(sku, 1, 100), events, result.reset());
            assertEquals(Status.RESERVED, result.status(), result.toString());
        }
        logic.configure(new DecisionSettings(60_000, 16, 1, 1, 1), events, result.reset());
        assertEquals(Status.ACCEPTED, result.status(), result.toString());

        final StateOutput out = new StateOutput(1024);
        logic.writeTo(out);
        final BusinessLogic restored = BusinessLogic.readFrom(out.toInput());
        assertEquals(logic.stateHash(), restored.stateHash());
    }

    /**
     * Applies entries from index {@code first} on, checking each reproduces its bytes and, when
     * {@code compareHashes}, the state hash the live run had after it.
     */
    private static void replay(long seed, JournalRun live, EntryReplayer replayer, int first, boolean compareHashes) {
        final List<byte[]> entries = live.entries;
        final ExpandableDirectByteBuffer journal = new ExpandableDirectByteBuffer(64 * 1024);
        final int[] offsets = new int[entries.size() + 1];
        for (int i = 0; i < entries.size(); i++) {
            // Entries lie back to back, as in a journal file: each replay reads only its own bytes.
            journal.putBytes(offsets[i], entries.get(i));
            offsets[i + 1] = offsets[i] + entries.get(i).length;
        }
        for (int i = first; i < entries.size(); i++) {
            final long sequence = i + 1;
            final int offset = offsets[i];
            final String problem = replayer.apply(journal, offset, entries.get(i).length);
            assertNull(problem, () -> "seed " + seed + ": replaying entry " + sequence + " (type "
                + EntryHeader.entryType(journal, offset) + ") failed: " + problem);
            if (compareHashes) {
                assertEquals(live.stateHashes.get(i), replayer.logic().stateHash(),
                    () -> "seed " + seed + ": the state after replaying entry " + sequence + " differs");
            }
        }
        assertEquals(entries.size(), replayer.logic().appliedSequence(), "seed " + seed + ": replay stopped early");
    }
}
