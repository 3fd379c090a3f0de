package io.surge.replay;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * A large buffer in front of the command's output that notices when the reader has gone away
 * ({@code dump ... | head}), so a dump stops instead of reading the rest of the journal for
 * nobody. Closing flushes; the underlying writer stays open (it belongs to picocli). One thread.
 */
final class ConsoleOutput extends Writer {
    private static final int BUFFER_CHARS = 1 << 16;

    private final PrintWriter target;
    private final char[] buffer = new char[BUFFER_CHARS];
    private int used;
    private boolean broken;

    ConsoleOutput(PrintWriter target) {
        this.target = target;
    }

    /** True once output could not be written (a closed pipe): stop producing it. */
    boolean broken() {
        return broken;
    }

    @Override
    public void write(int c) {
        if (used == BUFFER_CHARS) {
            drain();
        }
        buffer[used++] = (char) c;
    }

    @Override
    public void write(char[] chars, int offset, int length) {
        if (length > BUFFER_CHARS - used) {
            drain();
            if (length > BUFFER_CHARS) {
                pass(chars, offset, length);
                return;
            }
        }
        System.arraycopy(chars, offset, buffer, used, length);
        used += length;
    }

    @Override
    public void write(String text, int offset, int length) {
        if (length > BUFFER_CHARS - used) {
            drain();
            if (length > BUFFER_CHARS) {
                pass(text.toCharArray(), offset, length);
                return;
            }
        }
        text.getChars(offset, offset + length, buffer, used);
        used += length;
    }

    @Override
    public ConsoleOutput append(CharSequence text) {
        final String string = String.valueOf(text);
        write(string, 0, string.length());
        return this;
    }

    @Override
    public ConsoleOutput append(char c) {
        write(c);
        return this;
    }

    @Override
    public void flush() {
        drain();
        target.flush();
        noticeBrokenOutput();
    }

    @Override
    public void close() {
        flush();
    }

    private void drain() {
        if (used > 0) {
            pass(buffer, 0, used);
            used = 0;
        }
    }

    private void pass(char[] chars, int offset, int length) {
        if (!broken) {
            target.write(chars, offset, length);
            noticeBrokenOutput();
        }
    }

    private void noticeBrokenOutput() {
        // picocli's writer wraps System.out in an OutputStreamWriter, so a closed pipe shows only
        // on System.out itself (a PrintStream keeps the error to itself); look at both.
        if (target.checkError() || System.out.checkError()) {
            broken = true;
        }
    }
}
