package io.surge.engine.journal;

import java.nio.file.Path;

/**
 * The engine's append-only journal. This package is the only place that knows it is a Chronicle
 * Queue; everything else sees entries as bytes with a position.
 */
public interface Journal extends AutoCloseable {
    Path directory();

    Durability durability();

    /** The single appender (the journal thread's). Throws for a read-only journal. */
    JournalAppender appender();

    /** A new tailer; close it when done. */
    JournalTailer tailer();

    /** Bytes the journal's files hold on disk (apparent size of the cycle files). */
    long bytesOnDisk();

    @Override
    void close();
}
