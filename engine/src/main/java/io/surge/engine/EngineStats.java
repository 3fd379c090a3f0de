package io.surge.engine;

import io.surge.engine.domain.EngineCounters;
import io.surge.engine.domain.RejectReason;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Totals of decided outcomes as of a journal sequence, consistent with each other (read in one
 * go by the business-logic thread).
 */
public record EngineStats(
    long ordersReserved, long ordersRejected, Map<RejectReason, Long> rejectedByReason, long ordersPaid,
    long ordersCancelled, long ordersExpired, long gmvReservedCents, long gmvPaidCents, long skusSoldOut,
    long commandsRejected, long journalSequence) {

    static EngineStats of(EngineCounters counters, long journalSequence) {
        final Map<RejectReason, Long> byReason = new EnumMap<>(RejectReason.class);
        for (RejectReason reason : RejectReason.values()) {
            if (counters.rejected(reason) > 0) {
                byReason.put(reason, counters.rejected(reason));
            }
        }
        return new EngineStats(counters.ordersReserved(), counters.ordersRejected(), Collections.unmodifiableMap(byReason),
            counters.ordersPaid(), counters.ordersCancelled(), counters.ordersExpired(), counters.gmvReservedCents(),
            counters.gmvPaidCents(), counters.skusSoldOut(), counters.commandsRejected(), journalSequence);
    }
}
