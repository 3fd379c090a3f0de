package io.surge.engine.gateway.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a Server-Sent Events stream over one plain socket, undoing the chunked transfer coding
 * by hand, so a test sees exactly what goes over the wire (and when the server ends it).
 * Not thread-safe.
 */
final class EventStreamClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final StringBuilder pending = new StringBuilder();
    private final Map<String, String> headers = new TreeMap<>();
    private final int status;
    private boolean ended;

    EventStreamClient(int port, String path) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        in = new BufferedInputStream(socket.getInputStream());
        final String statusLine = line();
        status = Integer.parseInt(statusLine.split(" ")[1]);
        for (String header = line(); !header.isEmpty(); header = line()) {
            final int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }

    /** The body of a response that is not a stream (Content-Length framed). */
    String body() throws IOException {
        return new String(in.readNBytes(Integer.parseInt(headers.get("content-length"))), StandardCharsets.UTF_8);
    }

    /** The next event's text (its lines, without the blank line ending it), or null once the server ended the stream. */
    String nextEvent() throws IOException {
        while (true) {
            final int end = pending.indexOf("\n\n");
            if (end >= 0) {
                final String event = pending.substring(0, end);
                pending.delete(0, end + 2);
                return event;
            }
            if (ended || !readChunk()) {
                ended = true;
                return null;
            }
        }
    }

    /** The JSON of the next {@code data:} event, skipping other fields ({@code retry:}). */
    String nextData() throws IOException {
        for (String event = nextEvent(); event != null; event = nextEvent()) {
            if (event.startsWith("data: ")) {
                return event.substring("data: ".length());
            }
        }
        return null;
    }

    /** True when the server sent the last chunk and then closed the connection. */
    boolean endedCleanly() throws IOException {
        while (nextEvent() != null) {
            // drain
        }
        return in.read() < 0;
    }

    /** Reads one chunk into {@link #pending}; false at the last (empty) chunk. */
    private boolean readChunk() throws IOException {
        final String size = line();
        final int length = Integer.parseInt(size.trim(), 16);
        if (length == 0) {
            line(); // the blank line after the last chunk
            return false;
        }
        pending.append(new String(in.readNBytes(length), StandardCharsets.UTF_8));
        line();
        return true;
    }

    private String line() throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("the connection closed mid-line");
            }
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
