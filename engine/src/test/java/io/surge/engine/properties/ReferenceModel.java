package io.surge.engine.properties;

import io.surge.engine.domain.BusinessLogic;
import io.surge.engine.domain.CommandResult;
import io.surge.engine.domain.DecisionSettings;
import io.surge.engine.domain.OrderLines;
import io.surge.engine.domain.RejectReason;
import io.surge.engine.domain.Status;
import io.surge.engine.properties.RecordingEventSink.CommandRejected;
import io.surge.engine.properties.RecordingEventSink.EngineConfigured;
import io.surge.engine.properties.RecordingEventSink.Event;
import io.surge.engine.properties.RecordingEventSink.FulfilmentRequested;
import io.surge.engine.properties.RecordingEventSink.OrderCancelled;
import io.surge.engine.properties.RecordingEventSink.OrderRejected;
import io.surge.engine.properties.RecordingEventSink.OrderReserved;
import io.surge.engine.properties.RecordingEventSink.PaymentConfirmed;
import io.surge.engine.properties.RecordingEventSink.ReservationExpired;
import io.surge.engine.properties.RecordingEventSink.SaleDefined;
import io.surge.engine.properties.RecordingEventSink.SkuDefined;
import io.surge.engine.properties.RecordingEventSink.SkuSoldOut;
import io.surge.engine.properties.RecordingEventSink.StockAdjusted;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The test's own, deliberately naive account of the domain: plain collections, no slots, no
 * indexes, no hashing. It is written from the rules in ARCHITECTURE.md and the Javadoc of
 * {@link BusinessLogic}, not from its code paths, and it decides every command itself: what the
 * caller should hear and which events should be written. Its ledger (stock added minus removed
 * per SKU, live orders, per-customer limit usage) is kept from those decisions, so it never
 * reads the engine's state.
 * <p>
 * Ticks are the one place where it does not predict exact events: reservations that expire at
 * the same millisecond may expire in any order, so {@link #decide} checks the engine's choice
 * against the rules (only due orders, earliest first, as many as allowed) and adopts it.
 */
final class ReferenceModel {
    /** What the caller hears: the fields of {@link CommandResult} an order or admin command fills in. */
    record Outcome(Status status, RejectReason reason, int lineIndex, long sku, long orderId, long expiresAtMs) {
        static Outcome of(CommandResult result) {
            return new Outcome(result.status(), result.reason(), result.lineIndex(), result.sku(), result.orderId(),
                result.expiresAtMs());
        }

        static Outcome reserved(long orderId, long expiresAtMs) {
            return new Outcome(Status.RESERVED, null, -1, 0, orderId, expiresAtMs);
        }

        static Outcome rejected(long subjectId, RejectReason reason, int lineIndex, long sku) {
            return new Outcome(Status.REJECTED, reason, lineIndex, sku, subjectId, 0);
        }

        static Outcome completed(Status status, long subjectId) {
            return new Outcome(status, null, -1, 0, subjectId, 0);
        }
    }

    record Expected(Outcome outcome, List<Event> events) {
    }

    static final class Sku {
        long merchantId;
        long priceCents;
        long available;
        long reserved;
        long sold;
        /** Stock added minus stock removed by admin commands: what available + reserved + sold must add up to. */
        long addedMinusRemoved;
        long saleId; // 0: in no sale
    }

    record Sale(long startMs, long endMs, int limitPerCustomer) {
        boolean activeAt(long nowMs) {
            return nowMs >= startMs && nowMs < endMs;
        }
    }

    /** A reserved line; {@code limitSaleId} is the limited sale its units count against, or 0. */
    record Line(long sku, int quantity, long priceCents, long limitSaleId) {
    }

    record LiveOrder(long orderId, long customerId, String content, List<Line> lines, long expiresAtMs, long totalCents) {
    }

    record UsageKey(long customerId, long saleId, long sku) {
    }

    /** An order id the dedup window still remembers. */
    static final class Remembered {
        final String content;
        final Outcome first;
        Status current;

        Remembered(String content, Outcome first) {
            this.content = content;
            this.first = first;
            this.current = first.status();
        }
    }

    private final Map<Long, Sku> skus = new LinkedHashMap<>();
    private final Map<Long, Sale> sales = new HashMap<>();
    private final Map<Long, LiveOrder> live = new LinkedHashMap<>();
    private final Map<UsageKey, Long> usage = new HashMap<>();
    private final ArrayDeque<Long> dedupAge = new ArrayDeque<>(); // oldest first
    private final Map<Long, Remembered> dedup = new HashMap<>();
    private final TreeSet<Long> customers = new TreeSet<>();
    private DecisionSettings settings = DecisionSettings.DEFAULTS;

    Map<Long, Sku> skus() {
        return skus;
    }

    Map<Long, LiveOrder> live() {
        return live;
    }

    /** Every positive customer id seen so far: the customers whose limit usage is checked. */
    TreeSet<Long> customers() {
        return customers;
    }

    /** Units a customer holds of a SKU against the limited sale the SKU belongs to now. */
    long usage(long customerId, long sku) {
        final Sku item = skus.get(sku);
        if (item == null || item.saleId == 0) {
            return 0;
        }
        return usage.getOrDefault(new UsageKey(customerId, item.saleId, sku), 0L);
    }

    /** The per-customer limit of the sale a SKU belongs to now, or 0. */
    int saleLimit(long sku) {
        final Sku item = skus.get(sku);
        return item == null || item.saleId == 0 ? 0 : sales.get(item.saleId).limitPerCustomer();
    }

    /**
     * The first outcome of an order the engine must answer from memory because it is a retry:
     * the same id and content, still live or still in the dedup window; null when not a retry.
     */
    Outcome retryAnswer(StreamCommand.PlaceOrder order) {
        if (shapeProblem(order) != null) {
            return null;
        }
        final LiveOrder open = live.get(order.orderId());
        if (open != null) {
            return open.content().equals(order.content()) ? Outcome.reserved(order.orderId(), open.expiresAtMs()) : null;
        }
        final Remembered known = dedup.get(order.orderId());
        return known != null && known.content.equals(order.content()) ? known.first : null;
    }

    /** Decides a command as the rules say, updates the ledger, and returns what the engine should answer. */
    Expected decide(StreamCommand command, List<Event> actualEvents) {
        if (command instanceof StreamCommand.PlaceOrder order) {
            return placeOrder(order);
        }
        if (command instanceof StreamCommand.ConfirmPayment payment) {
            return finishOrder(payment.nowMs(), payment.orderId(), Status.PAID);
        }
        if (command instanceof StreamCommand.CancelOrder cancel) {
            return finishOrder(cancel.nowMs(), cancel.orderId(), Status.CANCELLED);
        }
        if (command instanceof StreamCommand.Tick tick) {
            return tick(tick, actualEvents);
        }
        if (command instanceof StreamCommand.DefineSku define) {
            return defineSku(define);
        }
        if (command instanceof StreamCommand.AdjustStock adjust) {
            return adjustStock(adjust);
        }
        if (command instanceof StreamCommand.DefineSale sale) {
            return defineSale(sale);
        }
        if (command instanceof StreamCommand.Configure configure) {
            return configure(configure.settings());
        }
        throw new IllegalArgumentException("unknown command " + command);
    }

    // ------------------------------------------------------------------ orders

    private Expected placeOrder(StreamCommand.PlaceOrder order) {
        final long id = order.orderId();
        if (order.customerId() > 0) {
            customers.add(order.customerId());
        }
        if (id <= 0) {
            return orderRejected(id, RejectReason.INVALID_ORDER, -1, 0); // no id to remember it by
        }
        final String content = order.content();
        final LiveOrder open = live.get(id);
        if (open != null) {
            return open.content().equals(content)
                ? new Expected(Outcome.reserved(id, open.expiresAtMs()), List.of())
                : orderRejected(id, RejectReason.DUPLICATE_ORDER, -1, 0);
        }
        final Remembered known = dedup.get(id);
        if (known != null) {
            return known.content.equals(content)
                ? new Expected(known.first, List.of())
                : orderRejected(id, RejectReason.DUPLICATE_ORDER, -1, 0);
        }
        // Every decided outcome under a usable id is remembered, even a malformed order's, so
        // a retry of it gets the same answer and no new event.
        final int[] shape = shapeProblem(order);
        if (shape != null) {
            final Expected rejected = orderRejected(id, RejectReason.INVALID_ORDER, shape[0],
                shape[0] < 0 ? 0 : order.skus()[shape[0]]);
            remember(id, new Remembered(content, rejected.outcome()));
            return rejected;
        }
        for (int line = 0; line < order.lineCount(); line++) {
            final RejectReason problem = lineProblem(order, line);
            if (problem != null) {
                final Expected rejected = orderRejected(id, problem, line, order.skus()[line]);
                remember(id, new Remembered(content, rejected.outcome()));
                return rejected;
            }
        }
        if (live.size() >= settings.maxLiveOrders()) {
            final Expected rejected = orderRejected(id, RejectReason.CAPACITY_EXCEEDED, -1, 0);
            remember(id, new Remembered(content, rejected.outcome()));
            return rejected;
        }
        return reserve(order, content);
    }

    /** Shape rules of {@link OrderLines}: [line] of the first broken rule ([-1] for the order as a whole), or null. */
    private static int[] shapeProblem(StreamCommand.PlaceOrder order) {
        if (order.orderId() <= 0 || order.customerId() <= 0 || order.lineCount() == 0) {
            return new int[] {-1};
        }
        for (int i = 0; i < order.lineCount(); i++) {
            boolean repeated = false;
            for (int j = 0; j < i; j++) {
                repeated |= order.skus()[j] == order.skus()[i];
            }
            if (order.skus()[i] <= 0 || order.quantities()[i] < 1 || order.quantities()[i] > OrderLines.MAX_QUANTITY
                || order.pricesCents()[i] < 0 || repeated) {
                return new int[] {i};
            }
        }
        return null;
    }

    private RejectReason lineProblem(StreamCommand.PlaceOrder order, int line) {
        final Sku item = skus.get(order.skus()[line]);
        if (item == null) {
            return RejectReason.UNKNOWN_SKU;
        }
        if (order.pricesCents()[line] != item.priceCents) {
            return RejectReason.INVALID_ORDER;
        }
        final Sale sale = item.saleId == 0 ? null : sales.get(item.saleId);
        if (sale != null && !sale.activeAt(order.nowMs())) {
            return RejectReason.SALE_NOT_ACTIVE;
        }
        final int quantity = order.quantities()[line];
        if (item.available < quantity) {
            return RejectReason.OUT_OF_STOCK;
        }
        if (sale != null && sale.limitPerCustomer() > 0
            && usage(order.customerId(), order.skus()[line]) + quantity > sale.limitPerCustomer()) {
            return RejectReason.LIMIT_EXCEEDED;
        }
        return null;
    }

    private Expected reserve(StreamCommand.PlaceOrder order, String content) {
        final List<Line> lines = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < order.lineCount(); i++) {
            final long sku = order.skus()[i];
            final Sku item = skus.get(sku);
            final int quantity = order.quantities()[i];
            final long limitSale = item.saleId != 0 && sales.get(item.saleId).limitPerCustomer() > 0 ? item.saleId : 0;
            item.available -= quantity;
            item.reserved += quantity;
            if (limitSale != 0) {
                usage.merge(new UsageKey(order.customerId(), limitSale, sku), (long) quantity, Long::sum);
            }
            lines.add(new Line(sku, quantity, order.pricesCents()[i], limitSale));
            total += quantity * order.pricesCents()[i];
        }
        final long expiresAt = order.nowMs() + settings.reservationTimeoutMs();
        live.put(order.orderId(), new LiveOrder(order.orderId(), order.customerId(), content, lines, expiresAt, total));
        final Outcome outcome = Outcome.reserved(order.orderId(), expiresAt);
        remember(order.orderId(), new Remembered(content, outcome));
        final List<Event> events = new ArrayList<>();
        events.add(new OrderReserved(order.orderId(), order.customerId(), expiresAt, total));
        for (Line line : lines) {
            final Sku item = skus.get(line.sku());
            if (item.available == 0) {
                events.add(new SkuSoldOut(line.sku(), item.merchantId));
            }
        }
        return new Expected(outcome, events);
    }

    /** Payment ({@code target} PAID) or cancel ({@code target} CANCELLED) of an order. */
    private Expected finishOrder(long nowMs, long orderId, Status target) {
        final LiveOrder open = live.get(orderId);
        if (open == null) {
            final Remembered known = orderId > 0 ? dedup.get(orderId) : null;
            if (known == null) {
                return commandRejected(RejectReason.UNKNOWN_ORDER, orderId);
            }
            return known.current == target
                ? new Expected(Outcome.completed(target, orderId), List.of())
                : commandRejected(RejectReason.INVALID_STATE, orderId);
        }
        final List<Event> events = new ArrayList<>();
        if (open.expiresAtMs() <= nowMs) {
            // Past its expiry but not yet ticked: it expires now, and the payment or cancel comes too late.
            expire(open, events);
            events.add(new CommandRejected(RejectReason.INVALID_STATE, orderId));
            return new Expected(Outcome.rejected(orderId, RejectReason.INVALID_STATE, -1, 0), events);
        }
        if (target == Status.PAID) {
            events.add(new PaymentConfirmed(orderId, open.totalCents()));
            final Map<Long, List<Line>> byMerchant = new LinkedHashMap<>();
            for (Line line : open.lines()) {
                final Sku item = skus.get(line.sku());
                item.reserved -= line.quantity();
                item.sold += line.quantity();
                byMerchant.computeIfAbsent(item.merchantId, m -> new ArrayList<>()).add(line);
            }
            byMerchant.forEach((merchant, lines) -> events.add(new FulfilmentRequested(orderId, merchant,
                open.customerId(), lines.stream().mapToLong(Line::sku).toArray(),
                lines.stream().mapToInt(Line::quantity).toArray(),
                lines.stream().mapToLong(Line::priceCents).toArray())));
        } else {
            events.add(new OrderCancelled(orderId, open.totalCents()));
            release(open);
        }
        finish(open, target);
        return new Expected(Outcome.completed(target, orderId), events);
    }

    private Expected tick(StreamCommand.Tick tick, List<Event> actualEvents) {
        final List<Event> events = new ArrayList<>();
        long lastExpiry = Long.MIN_VALUE;
        for (Event event : actualEvents) {
            if (!(event instanceof ReservationExpired expired)) {
                throw new AssertionError("a tick wrote " + event);
            }
            final LiveOrder open = live.get(expired.orderId());
            if (open == null) {
                throw new AssertionError("a tick expired order " + expired.orderId() + ", which is not live");
            }
            if (open.expiresAtMs() > tick.nowMs()) {
                throw new AssertionError("a tick at " + tick.nowMs() + " expired order " + open.orderId()
                    + " due only at " + open.expiresAtMs());
            }
            if (open.expiresAtMs() < lastExpiry) {
                throw new AssertionError("a tick expired order " + open.orderId() + " (due " + open.expiresAtMs()
                    + ") after one due at " + lastExpiry);
            }
            lastExpiry = open.expiresAtMs();
            expire(open, events);
        }
        final int expired = events.size();
        final boolean mayExpireMore = expired < tick.maxExpiries();
        for (LiveOrder open : live.values()) {
            if (mayExpireMore ? open.expiresAtMs() <= tick.nowMs() : open.expiresAtMs() < lastExpiry) {
                throw new AssertionError("a tick (max " + tick.maxExpiries() + ") at " + tick.nowMs() + " expired "
                    + expired + " orders but left order " + open.orderId() + " due at " + open.expiresAtMs());
            }
        }
        return new Expected(Outcome.completed(Status.ACCEPTED, expired), events);
    }

    private void expire(LiveOrder open, List<Event> events) {
        events.add(new ReservationExpired(open.orderId(), open.totalCents()));
        release(open);
        finish(open, Status.EXPIRED);
    }

    /** Stock and limit usage come back; paid orders never come here, so their usage stays. */
    private void release(LiveOrder open) {
        for (Line line : open.lines()) {
            final Sku item = skus.get(line.sku());
            item.reserved -= line.quantity();
            item.available += line.quantity();
            if (line.limitSaleId() != 0) {
                final UsageKey key = new UsageKey(open.customerId(), line.limitSaleId(), line.sku());
                final long left = usage.get(key) - line.quantity();
                if (left == 0) {
                    usage.remove(key);
                } else {
                    usage.put(key, left);
                }
            }
        }
    }

    private void finish(LiveOrder open, Status finalStatus) {
        live.remove(open.orderId());
        Remembered known = dedup.get(open.orderId());
        if (known == null) {
            // A reservation that outlived the window is remembered again when it finishes.
            known = new Remembered(open.content(), Outcome.reserved(open.orderId(), open.expiresAtMs()));
            remember(open.orderId(), known);
        }
        known.current = finalStatus;
    }

    // ------------------------------------------------------------------ admin

    private Expected defineSku(StreamCommand.DefineSku define) {
        final long sku = define.sku();
        if (sku <= 0 || define.merchantId() <= 0 || define.priceCents() < 0 || define.priceCents() > BusinessLogic.MAX_PRICE_CENTS
            || define.available() < 0 || define.available() > BusinessLogic.MAX_STOCK) {
            return commandRejected(RejectReason.INVALID_COMMAND, sku);
        }
        Sku item = skus.get(sku);
        if (item == null) {
            if (skus.size() >= settings.maxSkus()) {
                return commandRejected(RejectReason.CAPACITY_EXCEEDED, sku);
            }
            item = new Sku();
            skus.put(sku, item);
        }
        final long delta = define.available() - item.available;
        item.merchantId = define.merchantId();
        item.priceCents = define.priceCents();
        item.available = define.available();
        item.addedMinusRemoved += delta;
        return new Expected(Outcome.completed(Status.ACCEPTED, sku),
            List.of(new SkuDefined(sku, define.merchantId(), define.priceCents(), define.available(), delta)));
    }

    private Expected adjustStock(StreamCommand.AdjustStock adjust) {
        final long sku = adjust.sku();
        final long delta = adjust.delta();
        if (sku <= 0 || delta == 0 || Math.abs(delta) > BusinessLogic.MAX_STOCK) {
            return commandRejected(RejectReason.INVALID_COMMAND, sku);
        }
        final Sku item = skus.get(sku);
        if (item == null) {
            return commandRejected(RejectReason.UNKNOWN_SKU, sku);
        }
        final long after = item.available + delta;
        if (after < 0) {
            return commandRejected(RejectReason.OUT_OF_STOCK, sku);
        }
        if (after > BusinessLogic.MAX_STOCK) {
            return commandRejected(RejectReason.INVALID_COMMAND, sku);
        }
        item.available = after;
        item.addedMinusRemoved += delta;
        return new Expected(Outcome.completed(Status.ACCEPTED, sku), List.of(new StockAdjusted(sku, delta, after)));
    }

    private Expected defineSale(StreamCommand.DefineSale define) {
        final long saleId = define.saleId();
        final long[] saleSkus = define.skus();
        if (saleId <= 0 || define.startMs() >= define.endMs() || define.limitPerCustomer() < 0
            || saleSkus.length < 1 || saleSkus.length > BusinessLogic.MAX_SALE_SKUS) {
            return commandRejected(RejectReason.INVALID_COMMAND, saleId);
        }
        for (long sku : saleSkus) {
            if (!skus.containsKey(sku)) {
                return commandRejected(RejectReason.UNKNOWN_SKU, sku);
            }
        }
        if (!sales.containsKey(saleId) && sales.size() >= settings.maxSales()) {
            return commandRejected(RejectReason.CAPACITY_EXCEEDED, saleId);
        }
        for (Sku item : skus.values()) {
            if (item.saleId == saleId) {
                item.saleId = 0;
            }
        }
        sales.put(saleId, new Sale(define.startMs(), define.endMs(), define.limitPerCustomer()));
        for (long sku : saleSkus) {
            skus.get(sku).saleId = saleId;
        }
        return new Expected(Outcome.completed(Status.ACCEPTED, saleId), List.of(new SaleDefined(saleId,
            define.startMs(), define.endMs(), define.limitPerCustomer(), saleSkus.length)));
    }

    private Expected configure(DecisionSettings newSettings) {
        settings = newSettings;
        while (dedupAge.size() > newSettings.dedupWindow()) {
            dedup.remove(dedupAge.removeFirst()); // a smaller window keeps the newest ids
        }
        return new Expected(Outcome.completed(Status.ACCEPTED, 0), List.of(new EngineConfigured(newSettings)));
    }

    // ------------------------------------------------------------------ helpers

    private void remember(long orderId, Remembered entry) {
        if (dedupAge.size() == settings.dedupWindow()) {
            dedup.remove(dedupAge.removeFirst());
        }
        dedupAge.addLast(orderId);
        dedup.put(orderId, entry);
    }

    private static Expected orderRejected(long orderId, RejectReason reason, int line, long sku) {
        return new Expected(Outcome.rejected(orderId, reason, line, sku),
            List.of(new OrderRejected(orderId, reason, line, sku)));
    }

    private static Expected commandRejected(RejectReason reason, long subjectId) {
        return new Expected(Outcome.rejected(subjectId, reason, -1, 0), List.of(new CommandRejected(reason, subjectId)));
    }
}
