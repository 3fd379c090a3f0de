package io.surge.replay;

/**
 * Prints decoded entries in one of the output formats. Implementations buffer; {@link #flush()}
 * pushes everything printed so far out (after each poll when following a journal). One thread.
 */
interface EntryPrinter extends AutoCloseable {
    void print(DecodedEntry entry);

    void flush();

    /** True once the output is gone (a closed pipe): the caller should stop. */
    boolean outputClosed();

    /** Flushes; the underlying output stays open. */
    @Override
    void close();
}
