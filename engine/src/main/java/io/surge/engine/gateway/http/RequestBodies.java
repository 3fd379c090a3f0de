package io.surge.engine.gateway.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.surge.engine.domain.BusinessLogic;
import io.surge.engine.domain.OrderLines;

import java.io.IOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decodes and checks request bodies, strictly: well-formed JSON (no duplicate keys, nothing after
 * the object), every field present with the right type and in range, no unknown fields. Numbers
 * must be JSON integers ({@code 2}, not {@code 2.0}, {@code "2"} or {@code 2e0}) that fit in 64 bits.
 * Each problem is a {@link BadRequest} whose message starts with the field's path
 * ({@code lines[1].qty: must be 1..10000}). Stateless and thread-safe.
 */
final class RequestBodies {
    static final String ID_RANGE = "a positive 64-bit integer";
    static final String PRICE_RANGE = "0.." + BusinessLogic.MAX_PRICE_CENTS;
    static final String STOCK_RANGE = "0.." + BusinessLogic.MAX_STOCK;
    static final String RESTOCK_RANGE = "1.." + BusinessLogic.MAX_STOCK;
    static final String QTY_RANGE = "1.." + OrderLines.MAX_QUANTITY;
    static final String TIME_RANGE = "a non-negative 64-bit integer (ms since the epoch)";
    static final String LIMIT_RANGE = "0.." + Integer.MAX_VALUE + " (0: no limit)";
    private static final int MAX_NAME_ECHO = 64;
    private static final int MAX_MESSAGE = 200;
    /** Where Jackson says what it was reading ("[Source: REDACTED (`StreamReadFeature...` disabled); line: 1, ...]"). */
    private static final Pattern PARSER_INTERNALS = Pattern.compile("\\s*(\\(start marker at )?\\[Source:[^\\]]*\\]\\)?");

    private static final Set<String> ORDER_FIELDS = Set.of("orderId", "customerId", "lines");
    private static final Set<String> LINE_FIELDS = Set.of("sku", "qty", "priceCents");
    private static final Set<String> SKU_FIELDS = Set.of("merchantId", "priceCents", "available");
    private static final Set<String> RESTOCK_FIELDS = Set.of("qty");
    private static final Set<String> SALE_FIELDS = Set.of("startMs", "endMs", "skus", "limitPerCustomer");

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build())
            .build())
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();

    private RequestBodies() {
    }

    /** {@code {"orderId":1001,"customerId":7,"lines":[{"sku":42,"qty":2,"priceCents":19900}]}}. */
    static EngineCalls.PlaceOrder placeOrder(ByteBuf content) throws BadRequest {
        final JsonNode body = object(content);
        final long orderId = integer(body, "orderId", "orderId", 1, Long.MAX_VALUE, ID_RANGE);
        final long customerId = integer(body, "customerId", "customerId", 1, Long.MAX_VALUE, ID_RANGE);
        final JsonNode lineArray = body.get("lines");
        final String linesRange = "an array of 1.." + OrderLines.MAX_LINES + " lines";
        if (lineArray == null) {
            throw new BadRequest("lines: missing (" + linesRange + ")");
        }
        if (!lineArray.isArray()) {
            throw new BadRequest("lines: must be " + linesRange + ", not " + describe(lineArray));
        }
        if (lineArray.size() < 1 || lineArray.size() > OrderLines.MAX_LINES) {
            throw new BadRequest("lines: must hold 1.." + OrderLines.MAX_LINES + " lines, not " + lineArray.size());
        }
        final OrderLines lines = new OrderLines();
        for (int i = 0; i < lineArray.size(); i++) {
            final String path = "lines[" + i + "]";
            final JsonNode line = lineArray.get(i);
            if (!line.isObject()) {
                throw new BadRequest(path + ": must be an object {\"sku\",\"qty\",\"priceCents\"}, not " + describe(line));
            }
            final long sku = integer(line, "sku", path + ".sku", 1, Long.MAX_VALUE, ID_RANGE);
            final long qty = integer(line, "qty", path + ".qty", 1, OrderLines.MAX_QUANTITY, QTY_RANGE);
            final long price = integer(line, "priceCents", path + ".priceCents", 0, BusinessLogic.MAX_PRICE_CENTS, PRICE_RANGE);
            onlyKnown(line, path + ".", LINE_FIELDS);
            lines.add(sku, (int) qty, price);
        }
        onlyKnown(body, "", ORDER_FIELDS);
        final String shape = lines.shapeProblem(); // what is left to check: each SKU at most once
        if (shape != null) {
            throw new BadRequest(shape);
        }
        return new EngineCalls.PlaceOrder(orderId, customerId, lines);
    }

    /** {@code {"merchantId":1,"priceCents":19900,"available":1000}}. */
    static EngineCalls.DefineSku defineSku(long sku, ByteBuf content) throws BadRequest {
        final JsonNode body = object(content);
        final long merchantId = integer(body, "merchantId", "merchantId", 1, Long.MAX_VALUE, ID_RANGE);
        final long priceCents = integer(body, "priceCents", "priceCents", 0, BusinessLogic.MAX_PRICE_CENTS, PRICE_RANGE);
        final long available = integer(body, "available", "available", 0, BusinessLogic.MAX_STOCK, STOCK_RANGE);
        onlyKnown(body, "", SKU_FIELDS);
        return new EngineCalls.DefineSku(sku, merchantId, priceCents, available);
    }

    /** {@code {"qty":100}}. */
    static EngineCalls.Restock restock(long sku, ByteBuf content) throws BadRequest {
        final JsonNode body = object(content);
        final long qty = integer(body, "qty", "qty", 1, BusinessLogic.MAX_STOCK, RESTOCK_RANGE);
        onlyKnown(body, "", RESTOCK_FIELDS);
        return new EngineCalls.Restock(sku, qty);
    }

    /** {@code {"startMs":…,"endMs":…,"skus":[42,43],"limitPerCustomer":2}}. */
    static EngineCalls.DefineSale defineSale(long saleId, ByteBuf content) throws BadRequest {
        final JsonNode body = object(content);
        final long startMs = integer(body, "startMs", "startMs", 0, Long.MAX_VALUE, TIME_RANGE);
        final long endMs = integer(body, "endMs", "endMs", 0, Long.MAX_VALUE, TIME_RANGE);
        if (endMs <= startMs) {
            throw new BadRequest("endMs: must be after startMs");
        }
        final JsonNode skuArray = body.get("skus");
        final String skusRange = "an array of 1.." + BusinessLogic.MAX_SALE_SKUS + " SKU ids";
        if (skuArray == null) {
            throw new BadRequest("skus: missing (" + skusRange + ")");
        }
        if (!skuArray.isArray()) {
            throw new BadRequest("skus: must be " + skusRange + ", not " + describe(skuArray));
        }
        if (skuArray.size() < 1 || skuArray.size() > BusinessLogic.MAX_SALE_SKUS) {
            throw new BadRequest("skus: must hold 1.." + BusinessLogic.MAX_SALE_SKUS + " SKU ids, not " + skuArray.size());
        }
        final long[] skus = new long[skuArray.size()];
        final Set<Long> seen = new HashSet<>();
        for (int i = 0; i < skus.length; i++) {
            skus[i] = integer(skuArray.get(i), "skus[" + i + "]", ID_RANGE);
            if (!seen.add(skus[i])) {
                throw new BadRequest("skus[" + i + "]: SKU " + skus[i] + " appears more than once");
            }
        }
        final long limit = integer(body, "limitPerCustomer", "limitPerCustomer", 0, Integer.MAX_VALUE, LIMIT_RANGE);
        onlyKnown(body, "", SALE_FIELDS);
        return new EngineCalls.DefineSale(saleId, startMs, endMs, (int) limit, skus);
    }

    /** The body as a JSON object, or why it is not one. */
    static JsonNode object(ByteBuf content) throws BadRequest {
        final JsonNode root;
        try {
            root = MAPPER.readTree(ByteBufUtil.getBytes(content));
        } catch (JsonProcessingException e) {
            throw new BadRequest("body: malformed JSON: " + parserMessage(e));
        } catch (IOException e) {
            throw new BadRequest("body: unreadable: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new BadRequest("body: missing (a JSON object)");
        }
        if (!root.isObject()) {
            throw new BadRequest("body: must be a JSON object, not " + describe(root));
        }
        return root;
    }

    private static long integer(JsonNode parent, String name, String path, long min, long max, String range)
        throws BadRequest {
        final JsonNode node = parent.get(name);
        if (node == null) {
            throw new BadRequest(path + ": missing (" + range + ")");
        }
        return checkedInteger(node, path, min, max, range);
    }

    /** An array element that must be a positive id. */
    private static long integer(JsonNode node, String path, String range) throws BadRequest {
        return checkedInteger(node, path, 1, Long.MAX_VALUE, range);
    }

    private static long checkedInteger(JsonNode node, String path, long min, long max, String range) throws BadRequest {
        if (!node.isIntegralNumber()) {
            throw new BadRequest(path + ": must be an integer (" + range + "), not " + describe(node));
        }
        if (!node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
            throw new BadRequest(path + ": must be " + range);
        }
        return node.longValue();
    }

    private static void onlyKnown(JsonNode object, String prefix, Set<String> known) throws BadRequest {
        final Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            final String name = names.next();
            if (!known.contains(name)) {
                final String shown = name.length() <= MAX_NAME_ECHO ? name : name.substring(0, MAX_NAME_ECHO) + "...";
                throw new BadRequest(prefix + shown + ": unknown field (expected " + String.join(", ", known.stream().sorted()
                    .toList()) + ")");
            }
        }
    }

    private static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isIntegralNumber()) {
            return "an integer";
        }
        if (node.isNumber()) {
            return "a decimal number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The parser's complaint in the client's terms: Jackson's messages may name its own classes
     * and settings, which mean nothing to a client, so those are put in plain words.
     */
    private static String parserMessage(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null) {
            message = e.getClass().getSimpleName();
        }
        final int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        if (message.startsWith("Trailing token")) {
            message = "more data after the JSON value";
        } else if (message.contains("nesting depth")) {
            message = "nested too deeply";
        } else {
            message = PARSER_INTERNALS.matcher(message).replaceAll("");
        }
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "...";
        }
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            message += " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        }
        return message;
    }
}
