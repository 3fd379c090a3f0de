package io.surge.engine.demo;

import io.surge.engine.domain.RejectReason;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** What the demo reports, on the terminal and (same facts, same names) as JSON. */
public record DemoSummary(
    long orders, long retries, double orderSeconds, double ordersPerSecond, long reserved, long rejected,
    Map<RejectReason, Long> rejectedByReason, long paid, long cancelled, long expired, long gmvCents,
    long gmvReservedCents, int skusSoldOut, long firstSellOutMs, long firstSellOutSku, String journalPath,
    long journalBytes, long journalEntries, String stateHash) {

    private static final DateTimeFormatter SALE_TIME =
        DateTimeFormatter.ofPattern("MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.ofHours(8));

    public Map<String, Object> toJson() {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("orders", orders);
        json.put("ordersPerSecond", Math.round(ordersPerSecond));
        json.put("orderSeconds", orderSeconds);
        json.put("retries", retries);
        json.put("reserved", reserved);
        json.put("rejected", rejected);
        final Map<String, Long> reasons = new LinkedHashMap<>();
        rejectedByReason.forEach((reason, count) -> reasons.put(reason.name(), count));
        json.put("rejectedByReason", reasons);
        json.put("paid", paid);
        json.put("cancelled", cancelled);
        json.put("expired", expired);
        json.put("gmvCents", gmvCents);
        json.put("gmvReservedCents", gmvReservedCents);
        json.put("skusSoldOut", skusSoldOut);
        json.put("journalPath", journalPath);
        json.put("journalBytes", journalBytes);
        json.put("journalEntries", journalEntries);
        json.put("stateHash", stateHash);
        return json;
    }

    public void print(PrintStream out) {
        out.println();
        out.println("Surge demo: the first half hour of Singles' Day, on the built-in catalogue and sales");
        out.printf(Locale.ROOT, "  orders          %,13d in %.2f s  ->  %,.0f orders/s%n", orders, orderSeconds, ordersPerSecond);
        out.printf(Locale.ROOT, "  retries         %,13d  (same id, same content: first outcome, nothing journaled)%n", retries);
        out.printf(Locale.ROOT, "  reserved        %,13d%n", reserved);
        out.printf(Locale.ROOT, "  rejected        %,13d%n", rejected);
        rejectedByReason.forEach((reason, count) ->
            out.printf(Locale.ROOT, "    %-16s%,12d%n", reason.name(), count));
        out.printf(Locale.ROOT, "  paid            %,13d%n", paid);
        out.printf(Locale.ROOT, "  cancelled       %,13d%n", cancelled);
        out.printf(Locale.ROOT, "  expired         %,13d%n", expired);
        out.printf(Locale.ROOT, "  SKUs sold out   %,13d", skusSoldOut);
        if (skusSoldOut > 0) {
            out.printf(Locale.ROOT, "  (first: SKU %d at %s sale time, UTC+8)", firstSellOutSku,
                SALE_TIME.format(Instant.ofEpochMilli(firstSellOutMs)));
        }
        out.println();
        out.printf(Locale.ROOT, "  GMV (paid)      %,16.2f   (reserved: %,.2f)%n", gmvCents / 100.0, gmvReservedCents / 100.0);
        out.printf(Locale.ROOT, "  journal         %s  (%,d entries, %,.1f MB)%n", journalPath, journalEntries, journalBytes / 1e6);
        out.printf(Locale.ROOT, "  state hash      %s%n", stateHash);
    }
}
