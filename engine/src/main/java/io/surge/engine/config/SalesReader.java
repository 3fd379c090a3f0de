package io.surge.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.surge.engine.domain.BusinessLogic;
import org.agrona.collections.LongArrayList;
import org.agrona.collections.LongHashSet;

import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a sales YAML file:
 * <pre>
 * sales:
 *   - id: 1111
 *     name: Midnight flash sale
 *     start: 2026-11-11T00:00:00+08:00   # ISO-8601 with offset, or epoch milliseconds
 *     end: 2026-11-11T02:00:00+08:00
 *     limitPerCustomer: 2                # optional; 0 or absent: no limit
 *     skus: [1, 2, "100-199"]            # ids and inclusive ranges
 * </pre>
 * Every SKU must be in the catalogue. Errors name the file and the sale.
 */
final class SalesReader {
    private SalesReader() {
    }

    static List<SaleDefinition> read(ConfigSource source, String name, List<SkuDefinition> catalogue) {
        final String file = source.describe(name);
        final JsonNode root;
        try (InputStream in = source.open(name)) {
            root = new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw ConfigException.unreadableYaml(file, e);
        }
        final JsonNode list = root == null ? null : root.get("sales");
        if (list == null || !list.isArray()) {
            throw new ConfigException(file + ": expected a list under 'sales:'");
        }
        final LongHashSet known = new LongHashSet();
        catalogue.forEach(sku -> known.add(sku.sku()));
        final LongHashSet ids = new LongHashSet();
        final List<SaleDefinition> sales = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            final SaleDefinition sale = parse(list.get(i), file + " sales[" + i + "]", known);
            if (!ids.add(sale.saleId())) {
                throw new ConfigException(file + ": sale id " + sale.saleId() + " is used twice");
            }
            sales.add(sale);
        }
        return sales;
    }

    private static SaleDefinition parse(JsonNode node, String where, LongHashSet known) {
        if (!node.isObject()) {
            throw new ConfigException(where + ": expected id, name, start, end, limitPerCustomer, skus");
        }
        node.fieldNames().forEachRemaining(field -> {
            if (!List.of("id", "name", "start", "end", "limitPerCustomer", "skus").contains(field)) {
                throw new ConfigException(where + ": unknown key '" + field + "'");
            }
        });
        final long id = required(node, "id", where).asLong();
        if (!node.get("id").isIntegralNumber() || id <= 0) {
            throw new ConfigException(where + ": id must be a positive whole number");
        }
        final String at = where + " (sale " + id + ")";
        final String name = node.has("name") ? node.get("name").asText() : "sale " + id;
        final long startMs = time(required(node, "start", at), "start", at);
        final long endMs = time(required(node, "end", at), "end", at);
        if (startMs >= endMs) {
            throw new ConfigException(at + ": start must be before end");
        }
        final JsonNode limitNode = node.get("limitPerCustomer");
        final int limit = limitNode == null || limitNode.isNull() ? 0 : limitNode.asInt(-1);
        if (limitNode != null && !limitNode.isNull() && (!limitNode.isIntegralNumber() || limit < 0)) {
            throw new ConfigException(at + ": limitPerCustomer must be a whole number, 0 or more");
        }
        final long[] skus = skus(required(node, "skus", at), at, known);
        return new SaleDefinition(id, name, startMs, endMs, limit, skus);
    }

    private static JsonNode required(JsonNode node, String key, String where) {
        final JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw new ConfigException(where + ": '" + key + "' is missing");
        }
        return value;
    }

    private static long time(JsonNode node, String key, String where) {
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        try {
            return OffsetDateTime.parse(node.asText()).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new ConfigException(where + ": " + key + " '" + node.asText()
                + "' is not an ISO-8601 time with offset (e.g. 2026-11-11T00:00:00+08:00) or epoch milliseconds");
        }
    }

    private static long[] skus(JsonNode node, String where, LongHashSet known) {
        if (!node.isArray() || node.isEmpty()) {
            throw new ConfigException(where + ": skus must be a non-empty list of ids or ranges like \"100-199\"");
        }
        final LongArrayList skus = new LongArrayList();
        final LongHashSet seen = new LongHashSet();
        for (JsonNode item : node) {
            final long first;
            final long last;
            if (item.isIntegralNumber()) {
                first = item.asLong();
                last = first;
            } else {
                final String[] range = item.asText().split("-");
                try {
                    first = Long.parseLong(range[0].trim());
                    last = range.length == 2 ? Long.parseLong(range[1].trim()) : first;
                } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                    throw new ConfigException(where + ": '" + item.asText() + "' is neither a SKU id nor a range like 100-199");
                }
                if (range.length > 2 || last < first) {
                    throw new ConfigException(where + ": '" + item.asText() + "' is not a valid range");
                }
            }
            for (long sku = first; sku <= last; sku++) {
                if (!known.contains(sku)) {
                    throw new ConfigException(where + ": SKU " + sku + " is not in the catalogue");
                }
                if (seen.add(sku)) {
                    skus.addLong(sku);
                }
                if (skus.size() > BusinessLogic.MAX_SALE_SKUS) {
                    throw new ConfigException(where + ": a sale holds at most " + BusinessLogic.MAX_SALE_SKUS + " SKUs");
                }
            }
        }
        return skus.toLongArray();
    }
}
