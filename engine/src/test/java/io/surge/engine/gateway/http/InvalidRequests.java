package io.surge.engine.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Makes requests that are invalid by construction, for the fuzz test: valid bodies mutated
 * (a field dropped or renamed, a value of the wrong type, a number out of range or beyond 64
 * bits, the JSON truncated or broken by a stray character, a duplicate SKU, too many lines, an
 * unknown field, a duplicate key), random bytes, oversized bodies, bad ids in paths, unknown
 * paths and wrong methods. Every one of them must be answered 4xx with a JSON error and reach
 * nothing in the engine. Seeded: the same seed makes the same requests.
 */
final class InvalidRequests {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> TOP_NAMES = Set.of("orders", "skus", "sales", "stats", "metrics", "health");
    private static final String[] BAD_IDS = {"0", "-1", "abc", "1.5", "99999999999999999999", "+5", "0x10", "%31", "1e3",
        "9223372036854775808", "00", "-0", "1_000"};
    private static final char[] BREAKERS = {'{', '}', '[', ']', ',', ':', '"', '\\', 'x'};
    private static final String PATH_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-._~";

    /** One request: its bytes and a short description for failure messages. */
    record Request(byte[] bytes, String description) {
    }

    private final Random random;
    private final int maxBodyBytes;

    InvalidRequests(long seed, int maxBodyBytes) {
        this.random = new Random(seed);
        this.maxBodyBytes = maxBodyBytes;
    }

    Request next() {
        final int pick = random.nextInt(1000);
        if (pick < 550) {
            return body("POST", "/orders", order());
        }
        if (pick < 650) {
            return body("PUT", "/skus/" + (1 + random.nextInt(5)), sku());
        }
        if (pick < 700) {
            return body("POST", "/skus/" + (1 + random.nextInt(5)) + "/restock", restock());
        }
        if (pick < 760) {
            return body("PUT", "/sales/" + (1 + random.nextInt(3)), sale());
        }
        if (pick < 800) {
            return randomBytes(random.nextBoolean() ? "POST" : "PUT", random.nextBoolean() ? "/orders" : "/skus/1");
        }
        if (pick < 860) {
            return badPathId();
        }
        if (pick < 930) {
            return request("GET", randomPath(), null);
        }
        if (pick < 995) {
            return wrongMethod();
        }
        return oversized();
    }

    // ------------------------------------------------------------------ bodies

    private ObjectNode order() {
        final ObjectNode order = NODES.objectNode().put("orderId", id()).put("customerId", id());
        final ArrayNode lines = order.putArray("lines");
        final int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            lines.addObject().put("sku", 1 + i * 7L + random.nextInt(7)).put("qty", 1 + random.nextInt(10))
                .put("priceCents", random.nextInt(100_000));
        }
        return order;
    }

    private ObjectNode sku() {
        return NODES.objectNode().put("merchantId", id()).put("priceCents", random.nextInt(100_000))
            .put("available", random.nextInt(1_000));
    }

    private ObjectNode restock() {
        return NODES.objectNode().put("qty", 1 + random.nextInt(1_000));
    }

    private ObjectNode sale() {
        final ObjectNode sale = NODES.objectNode().put("startMs", random.nextInt(1_000)).put("endMs", 2_000 + random.nextInt(1_000));
        final ArrayNode skus = sale.putArray("skus");
        skus.add(1).add(2 + random.nextInt(3));
        return sale.put("limitPerCustomer", random.nextInt(5));
    }

    /** A valid body, then one mutation that makes it invalid. */
    private Request body(String method, String path, ObjectNode valid) {
        final int kind = random.nextInt(11);
        final String text;
        final String what;
        switch (kind) {
            case 0 -> {
                final ObjectNode holder = anyObject(valid);
                final String field = anyField(holder);
                holder.remove(field);
                text = write(valid);
                what = "dropped " + field;
            }
            case 1 -> {
                final ObjectNode holder = anyObject(valid);
                final String field = anyField(holder);
                final JsonNode value = holder.remove(field);
                final String renamed = rename(field);
                holder.set(renamed, value);
                text = write(valid);
                what = "renamed " + field + " to " + renamed;
            }
            case 2 -> {
                final ObjectNode holder = anyObject(valid);
                final String field = anyField(holder);
                holder.set(field, wrongType(holder.get(field)));
                text = write(valid);
                what = "wrong type for " + field;
            }
            case 3 -> {
                final ObjectNode holder = anyObject(valid);
                final String field = anyIntegerField(holder);
                holder.set(field, outOfRange(holder != valid && field.equals("qty")));
                text = write(valid);
                what = "out of range " + field;
            }
            case 4 -> {
                final String full = write(valid);
                text = full.substring(0, random.nextInt(full.length()));
                what = "truncated";
            }
            case 5 -> {
                final String full = write(valid);
                final int at = random.nextInt(full.length() + 1);
                text = full.substring(0, at) + BREAKERS[random.nextInt(BREAKERS.length)] + full.substring(at);
                what = "stray character at " + at;
            }
            case 6 -> {
                anyObject(valid).put(rename("extra"), random.nextInt(10));
                text = write(valid);
                what = "unknown field";
            }
            case 7 -> {
                final String full = write(valid);
                final String field = anyField(valid);
                text = "{\"" + field + "\":1," + full.substring(1);
                what = "duplicate key " + field;
            }
            case 8 -> {
                text = structural(valid);
                what = "structure";
            }
            case 9 -> {
                text = "[".repeat(1 + random.nextInt(200)) + write(valid);
                what = "nested";
            }
            default -> {
                final String[] bare = {"", " ", "null", "true", "0", "\"x\"", "[]", "{}", "[{}]", "{\"\":0}", "{}{}",
                    "\u0000", "{\"orderId\":1}", "\ufeff{"};
                text = bare[random.nextInt(bare.length)];
                what = "bare";
            }
        }
        return request(method, path, text.getBytes(StandardCharsets.UTF_8), what);
    }

    /** Shape rules the types cannot catch: no lines, too many, a repeated SKU, an empty sale. */
    private String structural(ObjectNode valid) {
        if (valid.has("lines")) {
            final ArrayNode lines = (ArrayNode) valid.get("lines");
            switch (random.nextInt(3)) {
                case 0 -> lines.removeAll();
                case 1 -> {
                    while (lines.size() <= 16) {
                        lines.addObject().put("sku", 100 + lines.size()).put("qty", 1).put("priceCents", 1);
                    }
                }
                default -> lines.add(lines.get(0).deepCopy());
            }
        } else if (valid.has("skus")) {
            final ArrayNode skus = (ArrayNode) valid.get("skus");
            if (random.nextBoolean()) {
                skus.removeAll();
            } else {
                valid.put("endMs", valid.get("startMs").asLong());
            }
        } else {
            valid.set(anyIntegerField(valid), NODES.numberNode(-1 - random.nextInt(100)));
        }
        return write(valid);
    }

    private JsonNode wrongType(JsonNode current) {
        if (current.isArray()) {
            return random.nextBoolean() ? NODES.objectNode() : NODES.numberNode(1);
        }
        return switch (random.nextInt(7)) {
            case 0 -> NODES.textNode(current.asText());
            case 1 -> NODES.numberNode(current.asLong() + 0.5);
            case 2 -> NODES.numberNode((double) current.asLong()); // 5.0: still not an integer
            case 3 -> NODES.booleanNode(random.nextBoolean());
            case 4 -> NODES.nullNode();
            case 5 -> NODES.arrayNode().add(current.asLong());
            default -> NODES.objectNode().put("value", current.asLong());
        };
    }

    /** A value no integer field takes; {@code lineQty}: a line's quantity, where 10,001 is too many already. */
    private JsonNode outOfRange(boolean lineQty) {
        return switch (random.nextInt(4)) {
            case 0 -> NODES.numberNode(BigInteger.ONE.shiftLeft(63 + random.nextInt(200)).add(BigInteger.valueOf(random.nextInt(1000))));
            case 1 -> NODES.numberNode(BigInteger.ONE.shiftLeft(64).negate().subtract(BigInteger.valueOf(random.nextInt(1000))));
            case 2 -> NODES.numberNode(-1 - random.nextInt(1_000_000));
            default -> lineQty && random.nextBoolean() ? NODES.numberNode(10_001 + random.nextInt(100_000))
                : NODES.numberNode(Long.MIN_VALUE + random.nextInt(1000));
        };
    }

    private Request randomBytes(String method, String path) {
        final byte[] body = new byte[random.nextInt(300)];
        random.nextBytes(body);
        return request(method, path, body, "random bytes");
    }

    private Request oversized() {
        final StringBuilder padding = new StringBuilder(maxBodyBytes + 100);
        while (padding.length() <= maxBodyBytes) {
            padding.append("{\"orderId\":1,\"customerId\":7,\"lines\":[]}");
        }
        return request("POST", "/orders", padding.toString().getBytes(StandardCharsets.UTF_8), "oversized");
    }

    // ------------------------------------------------------------------ paths and methods

    private Request badPathId() {
        final String bad = BAD_IDS[random.nextInt(BAD_IDS.length)];
        return switch (random.nextInt(5)) {
            case 0 -> request("POST", "/orders/" + bad + "/pay", null);
            case 1 -> request("POST", "/orders/" + bad + "/cancel", null);
            case 2 -> request("GET", "/orders/" + bad, null);
            case 3 -> request("GET", "/skus/" + bad, null);
            default -> request("PUT", "/skus/" + bad, "{\"merchantId\":1,\"priceCents\":1,\"available\":1}".getBytes(StandardCharsets.UTF_8), "bad sku");
        };
    }

    private String randomPath() {
        final StringBuilder path = new StringBuilder();
        final int segments = 1 + random.nextInt(4);
        for (int s = 0; s < segments; s++) {
            path.append('/');
            final int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                path.append(PATH_CHARS.charAt(random.nextInt(PATH_CHARS.length())));
            }
        }
        final String first = path.substring(1).split("/", -1)[0];
        if (TOP_NAMES.contains(first) || path.length() == 1) {
            return "/x" + path; // keep clear of the real endpoints ("/" is the dashboard): a random path must be unknown
        }
        return path.toString();
    }

    private Request wrongMethod() {
        final String[][] table = {
            {"GET", "/orders"}, {"PUT", "/orders"}, {"DELETE", "/orders"}, {"PATCH", "/orders/1"}, {"POST", "/orders/1"},
            {"GET", "/orders/1/pay"}, {"DELETE", "/orders/1/cancel"}, {"POST", "/skus/1"}, {"DELETE", "/skus/1"},
            {"GET", "/skus/1/restock"}, {"GET", "/sales/1"}, {"POST", "/sales/1"}, {"POST", "/stats"}, {"DELETE", "/metrics"},
            {"PUT", "/health"}, {"OPTIONS", "/orders"}};
        final String[] pick = table[random.nextInt(table.length)];
        return request(pick[0], pick[1], random.nextBoolean() ? null : write(order()).getBytes(StandardCharsets.UTF_8), "method");
    }

    // ------------------------------------------------------------------ helpers

    private Request request(String method, String path, byte[] body) {
        return request(method, path, body, "");
    }

    private static Request request(String method, String path, byte[] body, String what) {
        final String shown = body == null ? "" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
        return new Request(RawHttpClient.request(method, path, body), method + " " + path + " [" + what + "] " + shown);
    }

    private ObjectNode anyObject(ObjectNode root) {
        final List<ObjectNode> objects = new ArrayList<>();
        objects.add(root);
        final JsonNode lines = root.get("lines");
        if (lines != null) {
            lines.forEach(line -> objects.add((ObjectNode) line));
        }
        return objects.get(random.nextInt(objects.size()));
    }

    private String anyField(ObjectNode object) {
        final List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names.get(random.nextInt(names.size()));
    }

    private String anyIntegerField(ObjectNode object) {
        final List<String> names = new ArrayList<>();
        object.properties().forEach(field -> {
            if (field.getValue().isIntegralNumber()) {
                names.add(field.getKey());
            }
        });
        return names.get(random.nextInt(names.size()));
    }

    private String rename(String field) {
        final String[] styles = {field.toUpperCase(java.util.Locale.ROOT), field + "_", "_" + field, field.replace('d', 'D') + "x",
            " " + field, field.substring(0, Math.max(1, field.length() - 1)), "\u00e9" + field};
        return styles[random.nextInt(styles.length)];
    }

    private long id() {
        return 1 + (random.nextLong() & Long.MAX_VALUE) % 1_000_000_000L;
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
