package io.surge.bench.load;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where the load goes: {@code tcp://HOST:PORT} (Surge's binary protocol) or
 * {@code http://HOST:PORT} (its HTTP/JSON API). Immutable.
 *
 * @param protocol TCP or HTTP
 * @param host     the host name or address
 * @param port     1..65535
 */
public record TargetAddress(Protocol protocol, String host, int port) {
    /** The two ways of talking to Surge. */
    public enum Protocol { TCP, HTTP }

    /** The server's default HTTP port, where a tcp:// target's admin API is looked for. */
    public static final int DEFAULT_HTTP_PORT = 7480;

    /**
     * Parses {@code tcp://HOST:PORT} or {@code http://HOST:PORT}.
     *
     * @throws IllegalArgumentException saying what is wrong and what is expected
     */
    public static TargetAddress parse(String text) {
        final String expected = "expected tcp://HOST:PORT or http://HOST:PORT";
        final URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(expected + ", not '" + text + "'");
        }
        final String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        final Protocol protocol = switch (scheme) {
            case "tcp" -> Protocol.TCP;
            case "http" -> Protocol.HTTP;
            default -> throw new IllegalArgumentException(expected + ", not '" + text + "'"
                + (scheme.equals("https") ? " (https is not supported)" : ""));
        };
        if (uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65535) {
            throw new IllegalArgumentException(expected + " with a host and a port 1-65535, not '" + text + "'");
        }
        final String path = uri.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null || uri.getUserInfo() != null) {
            throw new IllegalArgumentException(expected + " (no path, query or user), not '" + text + "'");
        }
        return new TargetAddress(protocol, uri.getHost(), uri.getPort());
    }

    /** The admin API's default base URL: the target itself over HTTP, the same host's port 7480 over TCP. */
    public URI defaultAdmin() {
        return URI.create("http://" + hostInUri() + ":" + (protocol == Protocol.HTTP ? port : DEFAULT_HTTP_PORT));
    }

    private String hostInUri() {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    @Override
    public String toString() {
        return protocol.name().toLowerCase(Locale.ROOT) + "://" + hostInUri() + ":" + port;
    }
}
