package io.surge.engine.journal;

import io.surge.engine.codec.EntryHeader;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueStore;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;
import net.openhft.chronicle.queue.rollcycles.SparseRollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The journal on a Chronicle Queue, in cycle files that roll by time. Each Chronicle excerpt
 * holds a group of consecutive entries (a pipeline batch, at most {@link #MAX_GROUP_BYTES}),
 * each entry framed by its own header. Grouping makes a batch one Chronicle write (one lock,
 * one index slot) instead of thousands, and keeps the roll cycle's entry cap far away. A group
 * is committed all or nothing. In {@link Durability#FSYNC} mode the queue maps its files with
 * synchronous msync and the appender syncs what it wrote at every {@link JournalAppender#flush()}.
 */
public final class ChronicleJournal implements Journal {
    /** The default roll cycle: five-minute files holding up to 3.5M entries/s sustained. */
    public static final String DEFAULT_ROLL_CYCLE = "FIVE_MINUTELY";
    /** A group is committed once it holds this much, even mid-batch. */
    public static final int MAX_GROUP_BYTES = 1 << 20;

    private final Path directory;
    private final Durability durability;
    private final boolean readOnly;
    private final SingleChronicleQueue queue;
    private ChronicleAppender appender;

    private ChronicleJournal(Path directory, Durability durability, RollCycle rollCycle, boolean readOnly) {
        this.directory = directory;
        this.durability = durability;
        this.readOnly = readOnly;
        final SingleChronicleQueueBuilder builder = SingleChronicleQueueBuilder.binary(directory.toFile())
            .blockSize(BLOCK_BYTES)
            .readOnly(readOnly)
            .syncMode(durability == Durability.FSYNC ? SyncMode.SYNC : SyncMode.NONE);
        if (rollCycle != null) {
            builder.rollCycle(rollCycle);
        }
        this.queue = builder.build();
    }

    /**
     * Chronicle grows a cycle file a block at a time and maps each block with a quarter block of
     * overlap, so a whole cycle file is {@code k * BLOCK_BYTES + BLOCK_BYTES / 4} bytes (k >= 1).
     * Stated explicitly (it is Chronicle's 64-bit default) because readers rely on it.
     */
    private static final long BLOCK_BYTES = 64L << 20;
    private static final long OVERLAP_BYTES = BLOCK_BYTES / 4;
    /** The file name suffix of a cycle file. */
    public static final String CYCLE_FILE_SUFFIX = ".cq4";
    /** Chronicle's metadata file in a journal folder; it records the cycles written. */
    public static final String METADATA_FILE = "metadata.cq4t";

    /**
     * The length a cycle file of {@code length} bytes should have: equal when it is whole, longer
     * when it was cut short (a truncated copy). Reading a cut-short file memory-maps pages that
     * have no file behind them, and touching those kills the JVM (SIGBUS).
     */
    public static long wholeCycleFileLength(long length) {
        final long blocks = Math.max(1, (length - OVERLAP_BYTES + BLOCK_BYTES - 1) / BLOCK_BYTES);
        return blocks * BLOCK_BYTES + OVERLAP_BYTES;
    }

    /** Opens (creating if needed) a journal for writing. */
    public static ChronicleJournal open(Path directory, Durability durability, String rollCycleName) {
        final RollCycle rollCycle = rollCycle(rollCycleName);
        if (rollCycle == null) {
            throw new IllegalArgumentException("unknown roll cycle " + rollCycleName + "; known: " + rollCycleNames());
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create journal directory " + directory, e);
        }
        return new ChronicleJournal(directory, durability, rollCycle, false);
    }

    /** Opens an existing journal for reading only: never modifies or locks it. */
    public static ChronicleJournal openReadOnly(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("no journal at " + directory + " (not a directory)");
        }
        return new ChronicleJournal(directory, Durability.PAGE_CACHE, null, true);
    }

    /** The Chronicle roll cycle with this name, or null. */
    public static RollCycle rollCycle(String name) {
        for (List<? extends RollCycle> cycles : List.of(List.of(RollCycles.values()),
            List.of(LargeRollCycles.values()), List.of(SparseRollCycles.values()))) {
            for (RollCycle cycle : cycles) {
                if (cycle.toString().equals(name)) {
                    return cycle;
                }
            }
        }
        return null;
    }

    public static List<String> rollCycleNames() {
        final List<String> names = new ArrayList<>();
        for (RollCycles cycle : RollCycles.values()) {
            names.add(cycle.name());
        }
        for (LargeRollCycles cycle : LargeRollCycles.values()) {
            names.add(cycle.name());
        }
        for (SparseRollCycles cycle : SparseRollCycles.values()) {
            names.add(cycle.name());
        }
        return names;
    }

    /**
     * The name of the newest cycle file the journal's metadata records, when that file is gone
     * (null when it is there, or the journal holds no cycle yet): the entries it held are lost.
     * Only a read-only journal can tell, since opening one for writing rescans the folder and
     * forgets the missing file.
     */
    public String missingNewestCycleFile() {
        final int newest = queue.lastCycle();
        if (newest == Integer.MIN_VALUE) {
            return null;
        }
        final SingleChronicleQueueStore store = queue.storeForCycle(newest, queue.epoch(), false, null);
        if (store != null) {
            queue.closeStore(store);
            return null;
        }
        final RollCycle cycle = queue.rollCycle();
        return DateTimeFormatter.ofPattern(cycle.format()).withZone(ZoneOffset.UTC)
            .format(Instant.ofEpochMilli((long) newest * cycle.lengthInMillis() + queue.epoch())) + CYCLE_FILE_SUFFIX;
    }

    @Override
    public Path directory() {
        return directory;
    }

    @Override
    public Durability durability() {
        return durability;
    }

    @Override
    public synchronized JournalAppender appender() {
        if (readOnly) {
            throw new IllegalStateException("journal " + directory + " is open read-only");
        }
        if (appender == null) {
            appender = new ChronicleAppender();
        }
        return appender;
    }

    /**
     * The position of the last group the journal's own metadata records (-1 when it holds none),
     * for tools that check a read reached the real end. Reading it touches the newest cycle file
     * at that position, so a file cut short makes this throw.
     */
    public long lastPosition() {
        return queue.lastIndex();
    }

    @Override
    public JournalTailer tailer() {
        return new ChronicleTailer(queue.createTailer());
    }

    @Override
    public long bytesOnDisk() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".cq4"))
                .mapToLong(file -> file.toFile().length())
                .sum();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        queue.close();
    }

    /**
     * Chronicle binds an appender to the thread that created it, so the underlying appender is
     * created on first use, on the journal thread.
     */
    private final class ChronicleAppender implements JournalAppender {
        private ExcerptAppender excerptAppender;
        private DocumentContext group;
        private int groupBytes;
        private long bytesAppended;

        @Override
        public void append(DirectBuffer buffer, int offset, int length) {
            if (group == null) {
                if (excerptAppender == null) {
                    excerptAppender = queue.createAppender();
                }
                group = excerptAppender.writingDocument();
                groupBytes = 0;
            }
            try {
                group.wire().bytes().unsafeWrite(buffer.addressOffset() + offset, length);
            } catch (RuntimeException | Error e) {
                abandonGroup();
                throw e;
            }
            groupBytes += length;
            bytesAppended += length;
            if (groupBytes >= MAX_GROUP_BYTES) {
                commitGroup();
            }
        }

        @Override
        public void flush() {
            commitGroup();
            if (durability == Durability.FSYNC && excerptAppender != null) {
                excerptAppender.sync();
            }
        }

        private void commitGroup() {
            if (group != null) {
                final DocumentContext committing = group;
                group = null;
                try {
                    committing.close();
                } catch (RuntimeException | Error e) {
                    abandon(committing);
                    throw e;
                }
            }
        }

        private void abandonGroup() {
            final DocumentContext abandoned = group;
            group = null;
            abandon(abandoned);
        }

        private void abandon(DocumentContext document) {
            try {
                document.rollbackOnClose();
                document.close();
            } catch (RuntimeException | Error ignored) {
                // the group is lost either way; the caller halts the engine
            }
        }

        @Override
        public long bytesAppended() {
            return bytesAppended;
        }

        @Override
        public long lastPosition() {
            return excerptAppender == null ? -1 : excerptAppender.lastIndexAppended();
        }
    }

    private static final class ChronicleTailer implements JournalTailer {
        private final ExcerptTailer tailer;
        private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
        private final ExpandableDirectByteBuffer copy = new ExpandableDirectByteBuffer(4096);

        ChronicleTailer(ExcerptTailer tailer) {
            this.tailer = tailer;
        }

        @Override
        public void toStart() {
            tailer.toStart();
        }

        @Override
        public boolean seek(long position) {
            return tailer.moveToIndex(position);
        }

        @Override
        public void moveToCurrentThread() {
            tailer.singleThreadedCheckReset(); // Chronicle otherwise refuses a second thread
        }

        @Override
        public long previousPosition(long position) {
            if (!tailer.moveToIndex(position)) {
                return -1;
            }
            tailer.direction(TailerDirection.BACKWARD);
            try {
                try (DocumentContext current = tailer.readingDocument()) {
                    if (!current.isPresent()) {
                        return -1;
                    }
                }
                final long previous;
                try (DocumentContext before = tailer.readingDocument()) {
                    previous = before.isPresent() ? before.index() : -1;
                }
                return previous >= 0 && tailer.moveToIndex(previous) ? previous : -1;
            } finally {
                tailer.direction(TailerDirection.FORWARD);
            }
        }

        @Override
        public int read(EntryHandler handler, int limit) {
            int read = 0;
            while (read < limit) {
                try (DocumentContext document = tailer.readingDocument()) {
                    if (!document.isPresent()) {
                        break;
                    }
                    final Bytes<?> bytes = document.wire().bytes();
                    final int groupLength = (int) bytes.readRemaining();
                    final DirectBuffer group = wrap(bytes, groupLength);
                    read++;
                    if (!handGroup(handler, group, groupLength, document.index())) {
                        break;
                    }
                }
            }
            return read;
        }

        /** Splits a group into entries by their headers; false when the handler asked to stop. */
        private static boolean handGroup(EntryHandler handler, DirectBuffer group, int groupLength, long position) {
            int offset = 0;
            while (offset < groupLength) {
                final int left = groupLength - offset;
                int length = left;
                if (left >= EntryHeader.LENGTH) {
                    final long framed = (long) EntryHeader.LENGTH + EntryHeader.bodyLength(group, offset);
                    if (framed >= EntryHeader.LENGTH && framed <= left) {
                        length = (int) framed;
                    }
                }
                if (!handler.onEntry(group, offset, length, position)) {
                    return false;
                }
                offset += length;
            }
            return true;
        }

        private DirectBuffer wrap(Bytes<?> bytes, int length) {
            if (bytes.isDirectMemory()) {
                view.wrap(bytes.addressForRead(bytes.readPosition()), length);
                return view;
            }
            // Not memory-mapped (should not happen for a file queue): copy into off-heap memory.
            for (int i = 0; i < length; i++) {
                copy.putByte(i, bytes.readByte(bytes.readPosition() + i));
            }
            return copy;
        }

        @Override
        public void close() {
            tailer.close();
        }
    }
}
