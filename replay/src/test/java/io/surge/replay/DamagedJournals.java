package io.surge.replay;

import io.surge.engine.codec.EntryHeader;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Copies of fixture data directories, damaged the ways disks and operators damage them. */
final class DamagedJournals {
    private DamagedJournals() {
    }

    static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> tree = Files.walk(from)) {
            for (Path source : tree.toList()) {
                final Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (!source.getFileName().toString().equals("engine.lock")) {
                    Files.copy(source, target);
                }
            }
        }
        return to;
    }

    /** The journal's cycle files, oldest first. */
    static List<Path> cycleFiles(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.list(dataDir.resolve("journal"))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".cq4")).sorted().toList();
        }
    }

    /**
     * Where the written data of a cycle file ends: Chronicle preallocates cycle files (sparse, tens
     * of MB apparent), so the file's length says nothing; the last non-zero byte does.
     */
    static long endOfData(Path cycleFile) throws IOException {
        final byte[] bytes = Files.readAllBytes(cycleFile);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        return end;
    }

    static void truncate(Path file, long length) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(length);
        }
    }

    /** The bytes of the entry with this sequence, as the journal holds them. */
    static byte[] entryBytes(Path dataDir, long sequence) {
        final byte[][] found = new byte[1][];
        try (JournalScan scan = new JournalScan(DataDir.of(dataDir))) {
            scan.scan((buffer, offset, length, position) -> {
                if (EntryHeader.sequence(buffer, offset) == sequence) {
                    found[0] = new byte[length];
                    buffer.getBytes(offset, found[0]);
                    return false;
                }
                return true;
            });
        }
        if (found[0] == null) {
            throw new IllegalArgumentException("no entry with sequence " + sequence);
        }
        return found[0];
    }

    /** Flips one byte of the entry with this sequence in its cycle file, {@code at} bytes into the entry. */
    static void flipByteInEntry(Path dataDir, long sequence, int at) throws IOException {
        final byte[] original = entryBytes(dataDir, sequence);
        final byte[] changed = original.clone();
        changed[at] ^= 0x5A;
        replaceInCycleFiles(dataDir, original, changed);
    }

    /** Changes the entry with this sequence and seals it again: its checksum is right, only its content is wrong. */
    static void rewriteEntry(Path dataDir, long sequence, Consumer<UnsafeBuffer> change) throws IOException {
        final byte[] original = entryBytes(dataDir, sequence);
        final UnsafeBuffer entry = new UnsafeBuffer(ByteBuffer.allocateDirect(original.length));
        entry.putBytes(0, original);
        change.accept(entry);
        EntryHeader.seal(entry, 0);
        final byte[] changed = new byte[original.length];
        entry.getBytes(0, changed);
        replaceInCycleFiles(dataDir, original, changed);
    }

    private static void replaceInCycleFiles(Path dataDir, byte[] original, byte[] changed) throws IOException {
        for (Path file : cycleFiles(dataDir)) {
            final byte[] bytes = Files.readAllBytes(file);
            for (int i = 0; i + original.length <= bytes.length; i++) {
                if (Arrays.equals(bytes, i, i + original.length, original, 0, original.length)) {
                    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                        raf.seek(i);
                        raf.write(changed);
                    }
                    return;
                }
            }
        }
        throw new IllegalStateException("the entry is not in the cycle files of " + dataDir);
    }

    /**
     * Writes the groups of {@code from}'s journal into a new journal at {@code to}, spread over
     * {@code cycles} cycle files. The engine cannot be made to roll: Chronicle names and rolls
     * cycle files by the wall clock (its time provider, which the engine leaves at the system
     * clock), and the shortest cycle the engine accepts is five minutes. So the groups the engine
     * wrote are copied byte for byte, one Chronicle excerpt per group as the engine writes them,
     * by a queue whose clock the test moves five minutes on between the parts. Snapshots are not
     * copied (their journal positions name the original cycles).
     *
     * @return the first sequence of each cycle
     */
    static long[] rewriteIntoCycles(Path from, Path to, int cycles) throws IOException {
        final List<byte[]> groups = new ArrayList<>();
        final List<Long> firstSequences = new ArrayList<>();
        final ByteArrayOutputStream group = new ByteArrayOutputStream();
        final long[] groupPosition = {Long.MIN_VALUE};
        try (JournalScan scan = new JournalScan(DataDir.of(from))) {
            scan.scan((buffer, offset, length, position) -> {
                if (position != groupPosition[0]) {
                    if (group.size() > 0) {
                        groups.add(group.toByteArray());
                        group.reset();
                    }
                    groupPosition[0] = position;
                    firstSequences.add(EntryHeader.sequence(buffer, offset));
                }
                final byte[] bytes = new byte[length];
                buffer.getBytes(offset, bytes);
                group.writeBytes(bytes);
                return true;
            });
        }
        groups.add(group.toByteArray());
        final SetTimeProvider clock = new SetTimeProvider(Instant.parse("2026-11-10T16:00:00Z"));
        final long[] cycleStarts = new long[cycles];
        Files.createDirectories(to.resolve("journal"));
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(to.resolve("journal").toFile())
            .rollCycle(RollCycles.FIVE_MINUTELY).timeProvider(clock).build();
             ExcerptAppender appender = queue.createAppender()) {
            for (int i = 0; i < groups.size(); i++) {
                final int cycle = (int) ((long) i * cycles / groups.size());
                if (i == 0 || cycle != (int) ((long) (i - 1) * cycles / groups.size())) {
                    if (i > 0) {
                        clock.advanceMillis(5 * 60_000);
                    }
                    cycleStarts[cycle] = firstSequences.get(i);
                }
                try (DocumentContext document = appender.writingDocument()) {
                    document.wire().bytes().write(groups.get(i));
                }
            }
        }
        return cycleStarts;
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
