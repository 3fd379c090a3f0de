package io.surge.engine.gateway.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A minimal HTTP/1.1 client over one plain socket, for what java.net.http cannot do: pipelining
 * (many requests written before any answer is read), exact control of the bytes sent, and speed
 * for the fuzz test. Not thread-safe.
 */
final class RawHttpClient implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    /** One answer: status, headers (lower-case names) and body. */
    record Response(int status, Map<String, String> headers, String body) {
    }

    RawHttpClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(20_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 65_536);
    }

    /** The bytes of one request; {@code body} may be null (no body, no Content-Length). */
    static byte[] request(String method, String target, byte[] body, String... headers) {
        final StringBuilder head = new StringBuilder(128)
            .append(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: localhost\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        final byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (body == null) {
            return headBytes;
        }
        final byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    static byte[] request(String method, String target, String body, String... headers) {
        return request(method, target, body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    Response exchange(String method, String target, String body, String... headers) throws IOException {
        write(request(method, target, body, headers));
        return read(!method.equals("HEAD"));
    }

    Response read() throws IOException {
        return read(true);
    }

    /** Reads one answer; {@code withBody} false for the answer to a HEAD request. */
    Response read(boolean withBody) throws IOException {
        final String statusLine = line();
        if (statusLine == null) {
            throw new IOException("connection closed before a status line");
        }
        final String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not a status line: " + statusLine);
        }
        final int status = Integer.parseInt(parts[1]);
        final Map<String, String> headers = new TreeMap<>();
        String header;
        while ((header = line()) != null && !header.isEmpty()) {
            final int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        if (header == null) {
            throw new IOException("connection closed inside the headers");
        }
        final int length = withBody ? Integer.parseInt(headers.getOrDefault("content-length", "0")) : 0;
        final byte[] body = in.readNBytes(length);
        if (body.length != length) {
            throw new IOException("connection closed inside the body");
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    /** Shuts the sending side only (a half-close), as curl or netcat may after the request. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** True when the server has closed the connection (reads end of stream). */
    boolean closedByServer() throws IOException {
        return in.read() < 0;
    }

    private String line() throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                final byte[] raw = bytes.toByteArray();
                final int length = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
                return new String(raw, 0, length, StandardCharsets.ISO_8859_1);
            }
            bytes.write(c);
        }
        return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
