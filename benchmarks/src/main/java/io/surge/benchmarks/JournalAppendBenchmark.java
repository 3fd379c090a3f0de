package io.surge.benchmarks;

import io.surge.engine.codec.EntryHeader;
import io.surge.engine.journal.ChronicleJournal;
import io.surge.engine.journal.Durability;
import io.surge.engine.journal.JournalAppender;
import org.agrona.ExpandableDirectByteBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The journal thread's write path alone: {@link EntryHeader#seal} (CRC32C) and
 * {@link ChronicleJournal} append of {@code entryBytes}-byte entries (default 100, about one
 * order entry), with {@link JournalAppender#flush} every {@code flushEvery} entries, as the
 * pipeline flushes once per batch. Score: entries per second.
 * <p>
 * {@code durability}: {@code page-cache} (flush is a no-op: the entry is in the memory-mapped
 * file) or {@code fsync} (flush forces the written range to disk). {@code flushEvery=1} in fsync
 * mode is the latency-bound worst case (one fsync per entry); {@code 256} is a loaded pipeline's
 * batch.
 * <p>
 * The journal lives in a fresh folder under {@code java.io.tmpdir} for each iteration and is
 * deleted after it, so disk use stays at one iteration's worth (about 100 MB per million
 * entries).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class JournalAppendBenchmark {
    static final int PRE_APPENDED = 1_000;

    @Param({"page-cache", "fsync"})
    public String durability;

    @Param({"1", "256"})
    public int flushEvery;

    @Param({"100"})
    public int entryBytes;

    private final ExpandableDirectByteBuffer entry = new ExpandableDirectByteBuffer(4096);
    private Path dir;
    private ChronicleJournal journal;
    private JournalAppender appender;
    private long sequence;
    private int sinceFlush;

    @Setup(Level.Iteration)
    public void open() {
        final Durability mode = Durability.fromConfigName(durability);
        if (mode == null || entryBytes < EntryHeader.LENGTH || flushEvery < 1) {
            throw new IllegalArgumentException("durability page-cache|fsync, entryBytes >= " + EntryHeader.LENGTH
                + ", flushEvery >= 1");
        }
        for (int i = EntryHeader.LENGTH; i < entryBytes; i++) {
            entry.putByte(i, (byte) (i * 31));
        }
        dir = TempDirs.create("surge-bench-journal-");
        journal = ChronicleJournal.open(dir.resolve("journal"), mode, ChronicleJournal.DEFAULT_ROLL_CYCLE);
        appender = journal.appender();
        sequence = 0;
        sinceFlush = 0;
        // Creates the appender on this (the benchmark) thread and maps the first cycle file.
        for (int i = 0; i < PRE_APPENDED; i++) {
            append();
        }
        appender.flush();
    }

    @Benchmark
    public long append() {
        EntryHeader.write(entry, 0, ++sequence, 1_700_000_000_000L + sequence, 1, 1, 1, entryBytes - EntryHeader.LENGTH);
        EntryHeader.seal(entry, 0);
        appender.append(entry, 0, entryBytes);
        if (++sinceFlush >= flushEvery) {
            appender.flush();
            sinceFlush = 0;
        }
        return sequence;
    }

    @TearDown(Level.Iteration)
    public void close() {
        appender.flush();
        journal.close();
        TempDirs.delete(dir);
        dir = null;
    }
}
