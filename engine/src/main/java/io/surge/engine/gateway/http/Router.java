package io.surge.engine.gateway.http;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.surge.engine.live.LiveSnapshot;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Supplier;

/**
 * Maps a request to its answer or its engine call, checking in this order: the path (404), the
 * method (405), admin rights (401), then the path ids and the body (400). Only a fully checked
 * request becomes an {@link EngineCall}. Stateless apart from its settings: thread-safe.
 * <p>
 * HEAD is accepted wherever GET is (the answer has no body).
 */
final class Router {
    private static final String BEARER = "Bearer ";
    private static final int MAX_PATH_ECHO = 80;
    private static final byte[] HEALTHY = new JsonText().field("status", "UP").toBytes();

    private final byte[] adminToken;
    private final MetricsRenderer metrics;
    private final HealthProbe health;
    private final Supplier<LiveSnapshot> live;

    /** Null while the engine acknowledges; otherwise why it stopped. */
    @FunctionalInterface
    interface HealthProbe {
        String haltReason();
    }

    /** {@code live} gives the newest live view ({@code /stats/live}, {@code /stats/stream}). */
    Router(String adminToken, MetricsRenderer metrics, HealthProbe health, Supplier<LiveSnapshot> live) {
        this.adminToken = adminToken == null || adminToken.isEmpty() ? null : adminToken.getBytes(StandardCharsets.UTF_8);
        this.metrics = metrics;
        this.health = health;
        this.live = live;
    }

    Routed route(FullHttpRequest request, SocketAddress remote) {
        final String path = path(request.uri());
        if (path == null) {
            return Reply.notFound("path: no such resource: " + shorten(request.uri()));
        }
        final HttpMethod method = request.method() == HttpMethod.HEAD ? HttpMethod.GET : request.method();
        if (path.equals("/")) {
            return method == HttpMethod.GET ? DashboardPage.reply() : notAllowed(request, path, "GET, HEAD");
        }
        final String[] parts = path.substring(1).split("/", -1);
        for (String part : parts) {
            if (part.isEmpty()) {
                return notFound(path); // "/orders/", "//orders"
            }
        }
        try {
            return switch (parts.length) {
                case 1 -> top(parts[0], method, request, path);
                case 2 -> resource(parts[0], parts[1], method, request, remote, path);
                case 3 -> action(parts, method, request, remote, path);
                default -> notFound(path);
            };
        } catch (BadRequest e) {
            return Reply.badRequest(e.getMessage());
        }
    }

    private Routed top(String name, HttpMethod method, FullHttpRequest request, String path) throws BadRequest {
        switch (name) {
            case "orders" -> {
                return method == HttpMethod.POST ? RequestBodies.placeOrder(request.content()) : notAllowed(request, path, "POST");
            }
            case "stats" -> {
                return method == HttpMethod.GET ? new EngineCalls.Stats() : notAllowed(request, path, "GET, HEAD");
            }
            case "metrics" -> {
                return method == HttpMethod.GET ? new EngineCalls.Metrics(metrics) : notAllowed(request, path, "GET, HEAD");
            }
            case "health" -> {
                if (method != HttpMethod.GET) {
                    return notAllowed(request, path, "GET, HEAD");
                }
                final String halted = health.haltReason();
                return halted == null ? Reply.ok(HEALTHY) : Reply.unavailable("the engine has halted: " + halted);
            }
            default -> {
                return notFound(path);
            }
        }
    }

    private Routed resource(String kind, String id, HttpMethod method, FullHttpRequest request, SocketAddress remote,
        String path) throws BadRequest {
        switch (kind) {
            case "orders" -> {
                if (method != HttpMethod.GET) {
                    return notAllowed(request, path, "GET, HEAD");
                }
                return new EngineCalls.OrderQuery(pathId(id, "orderId"));
            }
            case "skus" -> {
                if (method == HttpMethod.GET) {
                    return new EngineCalls.SkuQuery(pathId(id, "sku"));
                }
                if (method != HttpMethod.PUT) {
                    return notAllowed(request, path, "GET, HEAD, PUT");
                }
                final Reply denied = admin(request, remote);
                return denied != null ? denied : RequestBodies.defineSku(pathId(id, "sku"), request.content());
            }
            case "stats" -> {
                return liveStats(id, method, request, path);
            }
            case "sales" -> {
                if (method != HttpMethod.PUT) {
                    return notAllowed(request, path, "PUT");
                }
                final Reply denied = admin(request, remote);
                return denied != null ? denied : RequestBodies.defineSale(pathId(id, "saleId"), request.content());
            }
            default -> {
                return notFound(path);
            }
        }
    }

    /** {@code /stats/live} (the live view as JSON) and {@code /stats/stream} (the same, pushed as events). */
    private Routed liveStats(String name, HttpMethod method, FullHttpRequest request, String path) {
        switch (name) {
            case "live" -> {
                return method == HttpMethod.GET ? Reply.ok(live.get().json()) : notAllowed(request, path, "GET, HEAD");
            }
            case "stream" -> {
                return method == HttpMethod.GET ? EventStreamRequest.INSTANCE : notAllowed(request, path, "GET, HEAD");
            }
            default -> {
                return notFound(path);
            }
        }
    }

    private Routed action(String[] parts, HttpMethod method, FullHttpRequest request, SocketAddress remote, String path)
        throws BadRequest {
        if (parts[0].equals("orders") && (parts[2].equals("pay") || parts[2].equals("cancel"))) {
            if (method != HttpMethod.POST) {
                return notAllowed(request, path, "POST");
            }
            return new EngineCalls.OrderCommand(pathId(parts[1], "orderId"), parts[2].equals("pay"));
        }
        if (parts[0].equals("skus") && parts[2].equals("restock")) {
            if (method != HttpMethod.POST) {
                return notAllowed(request, path, "POST");
            }
            final Reply denied = admin(request, remote);
            return denied != null ? denied : RequestBodies.restock(pathId(parts[1], "sku"), request.content());
        }
        return notFound(path);
    }

    /**
     * Null when the caller may use admin endpoints: with a configured token, it must come as
     * {@code Authorization: Bearer <token>}; without one, only loopback callers may.
     */
    private Reply admin(FullHttpRequest request, SocketAddress remote) {
        if (adminToken == null) {
            final boolean loopback = remote instanceof InetSocketAddress address && address.getAddress() != null
                && address.getAddress().isLoopbackAddress();
            return loopback ? null
                : Reply.unauthorized("admin calls need a token (gateway.http.adminToken); none is configured, so only "
                    + "loopback callers may make them");
        }
        final String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (header == null) {
            return Reply.unauthorized("Authorization: missing (admin calls need \"Bearer <admin token>\")");
        }
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())
            || !MessageDigest.isEqual(adminToken, header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8))) {
            return Reply.unauthorized("Authorization: wrong admin token");
        }
        return null;
    }

    /** A positive decimal id from the path; no sign, no spaces, at most 19 digits and within 64 bits. */
    static long pathId(String text, String name) throws BadRequest {
        final int length = text.length();
        if (length == 0 || length > 19) {
            throw new BadRequest(name + ": must be " + RequestBodies.ID_RANGE + " (in the path)");
        }
        long value = 0;
        for (int i = 0; i < length; i++) {
            final char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new BadRequest(name + ": must be " + RequestBodies.ID_RANGE + " (in the path)");
            }
            value = value * 10 + (c - '0');
            if (value < 0) {
                throw new BadRequest(name + ": must be " + RequestBodies.ID_RANGE + " (in the path)");
            }
        }
        if (value <= 0) {
            throw new BadRequest(name + ": must be " + RequestBodies.ID_RANGE + " (in the path)");
        }
        return value;
    }

    /** The path of an origin-form ({@code /a/b?q}) or absolute-form ({@code http://host/a/b}) target, or null. */
    static String path(String uri) {
        String target = uri;
        if (!target.startsWith("/")) {
            final int scheme = target.indexOf("://");
            if (scheme <= 0) {
                return null;
            }
            final int slash = target.indexOf('/', scheme + 3);
            if (slash < 0) {
                return null;
            }
            target = target.substring(slash);
        }
        int end = target.length();
        final int query = target.indexOf('?');
        if (query >= 0) {
            end = query;
        }
        final int fragment = target.indexOf('#');
        if (fragment >= 0 && fragment < end) {
            end = fragment;
        }
        return target.substring(0, end);
    }

    private static Reply notFound(String path) {
        return Reply.notFound("path: no such resource: " + shorten(path));
    }

    private static Reply notAllowed(FullHttpRequest request, String path, String allow) {
        return Reply.methodNotAllowed(shorten(request.method().name()), shorten(path), allow);
    }

    private static String shorten(String text) {
        return text.length() <= MAX_PATH_ECHO ? text : text.substring(0, MAX_PATH_ECHO) + "...";
    }
}
