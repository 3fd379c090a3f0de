package io.surge.engine.config;

import io.surge.engine.domain.BusinessLogic;
import org.agrona.collections.LongHashSet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a catalogue CSV: a header {@code sku,merchantId,priceCents,stock}, then one SKU per
 * line. Blank lines and lines starting with {@code #} are ignored. Errors name file and line.
 */
final class CatalogueReader {
    static final String HEADER = "sku,merchantId,priceCents,stock";

    private CatalogueReader() {
    }

    static List<SkuDefinition> read(ConfigSource source, String name) {
        final String file = source.describe(name);
        final List<SkuDefinition> skus = new ArrayList<>();
        final LongHashSet seen = new LongHashSet();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(source.open(name), StandardCharsets.UTF_8))) {
            String line;
            int lineNumber = 0;
            boolean headerSeen = false;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                final String trimmed = line.trim();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                if (!headerSeen) {
                    if (!trimmed.replace(" ", "").equals(HEADER)) {
                        throw new ConfigException(file + " line " + lineNumber + ": expected the header '" + HEADER + "'");
                    }
                    headerSeen = true;
                    continue;
                }
                final SkuDefinition sku = parse(trimmed, file + " line " + lineNumber);
                if (!seen.add(sku.sku())) {
                    throw new ConfigException(file + " line " + lineNumber + ": SKU " + sku.sku() + " is listed twice");
                }
                skus.add(sku);
            }
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        return skus;
    }

    private static SkuDefinition parse(String line, String where) {
        final String[] fields = line.split(",", -1);
        if (fields.length != 4) {
            throw new ConfigException(where + ": expected 4 fields (" + HEADER + "), found " + fields.length);
        }
        final long sku = field(fields[0], "sku", where, 1, Long.MAX_VALUE);
        final long merchantId = field(fields[1], "merchantId", where, 1, Long.MAX_VALUE);
        final long priceCents = field(fields[2], "priceCents", where, 0, BusinessLogic.MAX_PRICE_CENTS);
        final long stock = field(fields[3], "stock", where, 0, BusinessLogic.MAX_STOCK);
        return new SkuDefinition(sku, merchantId, priceCents, stock);
    }

    private static long field(String text, String name, String where, long min, long max) {
        final long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(where + ": " + name + " '" + text.trim() + "' is not a whole number");
        }
        if (value < min || value > max) {
            throw new ConfigException(where + ": " + name + " " + value + " must be between " + min + " and " + max);
        }
        return value;
    }
}
