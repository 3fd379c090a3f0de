package io.surge.engine.domain;

import io.surge.engine.collections.LongPairCounterMap;
import io.surge.engine.collections.PagePrefetcher;

import java.util.Objects;

/**
 * Decides every command and owns all inventory, sale, limit and order state.
 * <p>
 * <b>Threading:</b> single-threaded by design. Exactly one thread (the pipeline's business-logic
 * thread, or a replay) may call any method; there are no locks and no shared mutable state.
 * <p>
 * <b>Determinism:</b> a decision depends only on the state, the command and the engine time
 * passed in ({@code nowMs}); nothing reads a clock or a random source, so replaying the same
 * commands with the same times rebuilds the same state and the same events.
 * <p>
 * <b>Allocation:</b> none per command in steady state; structures grow only while the state
 * grows, live orders a page or an index segment at a time (no long pause), SKUs and limits by
 * doubling.
 */
public final class BusinessLogic {
    public static final long MAX_PRICE_CENTS = 1_000_000_000_000L;
    public static final long MAX_STOCK = 1_000_000_000_000L;
    public static final int MAX_SALE_SKUS = 8_000;
    static final int SNAPSHOT_FORMAT = 1;
    /** What {@link #writeTo} writes per remembered id, per live order and per line of one. */
    private static final long SNAPSHOT_BYTES_PER_ID = 4L * Long.BYTES;
    private static final long SNAPSHOT_BYTES_PER_ORDER = 2L * Integer.BYTES + 5 * Long.BYTES;
    private static final long SNAPSHOT_BYTES_PER_LINE = 3L * Integer.BYTES + Long.BYTES;

    private final Inventory inventory = new Inventory();
    private final SaleBook sales = new SaleBook();
    private final LongPairCounterMap limitUsage = new LongPairCounterMap(1024);
    private final OrderBook orders = new OrderBook();
    private final EngineCounters counters = new EngineCounters();
    private DedupWindow dedup;
    private DecisionSettings settings;
    private long appliedSequence;
    private long appliedTimeMs;

    // Scratch space for one order's lines: filled per command, never reallocated.
    private final int[] lineSkuIndexes = new int[OrderLines.MAX_LINES];
    private final int[] lineQuantities = new int[OrderLines.MAX_LINES];
    private final long[] linePrices = new long[OrderLines.MAX_LINES];
    private final int[] lineLimitSales = new int[OrderLines.MAX_LINES];
    private final boolean[] lineFulfilled = new boolean[OrderLines.MAX_LINES];
    private final long[] fulfilmentSkus = new long[OrderLines.MAX_LINES];
    private final int[] fulfilmentQuantities = new int[OrderLines.MAX_LINES];
    private final long[] fulfilmentPrices = new long[OrderLines.MAX_LINES];

    public BusinessLogic() {
        this(DecisionSettings.DEFAULTS);
    }

    public BusinessLogic(DecisionSettings settings) {
        this.settings = settings;
        this.dedup = new DedupWindow(settings.dedupWindow());
    }

    public DecisionSettings settings() {
        return settings;
    }

    /** The journal sequence of the last entry applied to this state (0 for an empty journal). */
    public long appliedSequence() {
        return appliedSequence;
    }

    /** Records that the entry with this sequence has been applied. */
    public void appliedSequence(long sequence) {
        this.appliedSequence = sequence;
    }

    /**
     * The engine time of the last applied entry: a restarted engine starts its clock no earlier,
     * so engine time never goes backwards across restarts. Not part of {@link #stateHash()}.
     */
    public long appliedTimeMs() {
        return appliedTimeMs;
    }

    public void appliedTimeMs(long timeMs) {
        this.appliedTimeMs = timeMs;
    }

    public EngineCounters counters() {
        return counters;
    }

    public int skuCount() {
        return inventory.count();
    }

    /** The id of the SKU defined {@code index}-th (0 to {@link #skuCount()} - 1), for tools that list all SKUs. */
    public long skuIdAt(int index) {
        return inventory.skuId(Objects.checkIndex(index, inventory.count()));
    }

    public int liveOrderCount() {
        return orders.liveCount();
    }

    /** Bytes of state held off the Java heap (the live orders' records), for memory accounting. */
    public long offHeapBytes() {
        return orders.offHeapBytes();
    }

    /**
     * Allocates the memory of {@code orders} open reservations of up to four lines now, before
     * they arrive (from {@code capacity.preallocateOrders}). Growing during a sale costs the
     * business-logic thread a page fault per 4 KB of fresh memory: measured at 400k orders/s with
     * reservations piling up, about a third of its time. Changes no state.
     *
     * @throws OutOfMemoryError when the memory is not there (see -XX:MaxDirectMemorySize)
     */
    public void makeRoomForOrders(int orders) {
        this.orders.makeRoomFor(orders);
    }

    /**
     * From now on, the order book's new pages come from {@code prefetcher} when it has one ready,
     * so that the page faults of fresh memory are taken by its thread, not this one (null: none).
     * Changes no state.
     */
    public void prefetchPagesFrom(PagePrefetcher prefetcher) {
        orders.prefetchPagesFrom(prefetcher);
    }

    // ------------------------------------------------------------------ orders

    /**
     * Reserves every line of the order or none. A retry (same id, same content) is answered with
     * the first outcome and emits no event; the same id with other content is DUPLICATE_ORDER.
     */
    public void placeOrder(
        long nowMs, long orderId, long customerId, OrderLines lines, EventSink events, CommandResult result) {
        if (orderId <= 0) {
            reject(orderId, RejectReason.INVALID_ORDER, -1, 0, events, result); // no id to remember it by
            return;
        }
        final long contentHash = lines.contentHash(customerId);
        if (answeredBefore(orderId, contentHash, events, result)) {
            return;
        }
        if (customerId <= 0 || lines.count() == 0) {
            rejectAndRemember(orderId, contentHash, RejectReason.INVALID_ORDER, -1, 0, events, result);
            return;
        }
        final int badLine = lines.firstInvalidLine();
        if (badLine >= 0) {
            rejectAndRemember(orderId, contentHash, RejectReason.INVALID_ORDER, badLine, lines.sku(badLine), events, result);
            return;
        }

        final int lineCount = lines.count();
        for (int line = 0; line < lineCount; line++) {
            final RejectReason problem = checkLine(nowMs, customerId, lines, line);
            if (problem != null) {
                rejectAndRemember(orderId, contentHash, problem, line, lines.sku(line), events, result);
                return;
            }
        }
        if (orders.liveCount() >= settings.maxLiveOrders()) {
            rejectAndRemember(orderId, contentHash, RejectReason.CAPACITY_EXCEEDED, -1, 0, events, result);
            return;
        }
        reserve(nowMs, orderId, customerId, contentHash, lines, events, result);
    }

    /** Turns a reservation into a sale and asks the merchants to fulfil it. */
    public void confirmPayment(long nowMs, long orderId, EventSink events, CommandResult result) {
        final int slot = liveOrder(nowMs, orderId, Status.PAID, events, result);
        if (slot == OrderBook.NONE) {
            return;
        }
        final int lineCount = orders.copyLines(slot, lineSkuIndexes, lineQuantities, linePrices, lineLimitSales);
        for (int line = 0; line < lineCount; line++) {
            inventory.sell(lineSkuIndexes[line], lineQuantities[line]);
        }
        final long total = orders.totalCents(slot);
        events.paymentConfirmed(orderId, total);
        requestFulfilment(orderId, orders.customerId(slot), lineCount, events);
        finish(slot, Status.PAID);
        counters.ordersPaid++;
        counters.gmvPaidCents += total;
        result.completed(Status.PAID, orderId);
    }

    /** Cancels a reservation: its stock and the customer's limit usage come back. */
    public void cancelOrder(long nowMs, long orderId, EventSink events, CommandResult result) {
        final int slot = liveOrder(nowMs, orderId, Status.CANCELLED, events, result);
        if (slot == OrderBook.NONE) {
            return;
        }
        events.orderCancelled(orderId, orders.totalCents(slot));
        release(slot);
        finish(slot, Status.CANCELLED);
        counters.ordersCancelled++;
        result.completed(Status.CANCELLED, orderId);
    }

    /** Expires at most {@code maxExpiries} reservations due at {@code nowMs}, earliest first. */
    public void tick(long nowMs, int maxExpiries, EventSink events, CommandResult result) {
        int expired = 0;
        while (expired < maxExpiries) {
            final int slot = orders.firstDue(nowMs);
            if (slot == OrderBook.NONE) {
                break;
            }
            expire(slot, events);
            expired++;
        }
        result.accepted(expired);
    }

    // ------------------------------------------------------------------ admin

    /** Defines a SKU, or for a known SKU updates merchant and price and sets its available stock. */
    public void defineSku(
        long nowMs, long sku, long merchantId, long priceCents, long available, EventSink events, CommandResult result) {
        if (sku <= 0 || merchantId <= 0 || priceCents < 0 || priceCents > MAX_PRICE_CENTS
            || available < 0 || available > MAX_STOCK) {
            rejectCommand(RejectReason.INVALID_COMMAND, sku, events, result);
            return;
        }
        int index = inventory.indexOf(sku);
        final long delta;
        if (index < 0) {
            if (inventory.count() >= settings.maxSkus()) {
                rejectCommand(RejectReason.CAPACITY_EXCEEDED, sku, events, result);
                return;
            }
            index = inventory.add(sku, merchantId, priceCents);
            delta = available;
        } else {
            inventory.describe(index, merchantId, priceCents);
            delta = available - inventory.available(index);
        }
        inventory.addAvailable(index, delta);
        events.skuDefined(sku, merchantId, priceCents, available, delta);
        result.accepted(sku);
    }

    /** Adds stock ({@code delta > 0}) or removes it; never removes more than is available. */
    public void adjustStock(long nowMs, long sku, long delta, EventSink events, CommandResult result) {
        if (sku <= 0 || delta == 0 || delta > MAX_STOCK || delta < -MAX_STOCK) {
            rejectCommand(RejectReason.INVALID_COMMAND, sku, events, result);
            return;
        }
        final int index = inventory.indexOf(sku);
        if (index < 0) {
            rejectCommand(RejectReason.UNKNOWN_SKU, sku, events, result);
            return;
        }
        final long after = inventory.available(index) + delta;
        if (after < 0) {
            rejectCommand(RejectReason.OUT_OF_STOCK, sku, events, result);
            return;
        }
        if (after > MAX_STOCK) {
            rejectCommand(RejectReason.INVALID_COMMAND, sku, events, result);
            return;
        }
        inventory.addAvailable(index, delta);
        events.stockAdjusted(sku, delta, after);
        result.accepted(sku);
    }

    /**
     * Defines (or redefines) a sale over some SKUs. A SKU belongs to at most one sale: the one
     * defined last that lists it. A limit of 0 means no per-customer limit.
     */
    public void defineSale(
        long nowMs, long saleId, long startMs, long endMs, int limitPerCustomer, long[] skus, int skuCount,
        EventSink events, CommandResult result) {
        if (saleId <= 0 || startMs >= endMs || limitPerCustomer < 0 || skuCount < 1 || skuCount > MAX_SALE_SKUS) {
            rejectCommand(RejectReason.INVALID_COMMAND, saleId, events, result);
            return;
        }
        for (int i = 0; i < skuCount; i++) {
            if (inventory.indexOf(skus[i]) < 0) {
                rejectCommand(RejectReason.UNKNOWN_SKU, skus[i], events, result);
                return;
            }
        }
        int slot = sales.slotOf(saleId);
        if (slot < 0) {
            if (sales.count() >= settings.maxSales()) {
                rejectCommand(RejectReason.CAPACITY_EXCEEDED, saleId, events, result);
                return;
            }
            slot = sales.add(saleId);
        } else {
            inventory.detachSale(slot);
        }
        sales.define(slot, startMs, endMs, limitPerCustomer);
        for (int i = 0; i < skuCount; i++) {
            inventory.saleSlot(inventory.indexOf(skus[i]), slot);
        }
        events.saleDefined(saleId, startMs, endMs, limitPerCustomer, skuCount);
        result.accepted(saleId);
    }

    /** Applies new decision settings (journaled, so replays decide alike). */
    public void configure(DecisionSettings newSettings, EventSink events, CommandResult result) {
        settings = newSettings;
        dedup.resize(newSettings.dedupWindow(), orders::dedupPosition);
        events.engineConfigured(newSettings);
        result.accepted(0);
    }

    // ------------------------------------------------------------------ queries

    public void querySku(long sku, CommandResult result) {
        final int index = inventory.indexOf(sku);
        if (index < 0) {
            result.notFound();
            return;
        }
        result.skuFound(sku, inventory.merchantId(index), inventory.priceCents(index),
            inventory.available(index), inventory.reserved(index), inventory.sold(index));
    }

    /** Finds a live (reserved) order; orders that are paid, cancelled or expired are not held. */
    public void queryOrder(long orderId, CommandResult result) {
        final int slot = orderId > 0 ? dedup.liveSlotOf(orderId) : OrderBook.NONE;
        if (slot == OrderBook.NONE) {
            result.notFound();
            return;
        }
        final OrderLines lines = result.orderFound(orderId, orders.customerId(slot), Status.RESERVED, orders.expiresAtMs(slot));
        final int lineCount = orders.copyLines(slot, lineSkuIndexes, lineQuantities, linePrices, lineLimitSales);
        for (int line = 0; line < lineCount; line++) {
            lines.add(inventory.skuId(lineSkuIndexes[line]), lineQuantities[line], linePrices[line]);
        }
    }

    public void queryCounters(CommandResult result) {
        result.countersFound(counters, appliedSequence);
    }

    public void queryStateHash(CommandResult result) {
        result.stateHash(stateHash());
    }

    /** A hash of the whole state, independent of how it was reached (live, snapshot or replay). */
    public long stateHash() {
        final StateHasher hasher = new StateHasher();
        hasher.add(appliedSequence);
        hashSettings(hasher);
        counters.hashInto(hasher);
        inventory.hashInto(hasher);
        sales.hashInto(hasher);
        // The limit map's iteration order depends on its history: combine entries order-free.
        final long[] usageSum = new long[2];
        limitUsage.forEach((customer, key, units) -> {
            usageSum[0] += StateHasher.mix(StateHasher.combine(StateHasher.combine(customer, key), units));
            usageSum[1]++;
        });
        hasher.add(usageSum[0]).add(usageSum[1]);
        orders.hashInto(hasher);
        dedup.hashInto(hasher);
        return hasher.value();
    }

    public boolean knowsSku(long sku) {
        return inventory.indexOf(sku) >= 0;
    }

    public boolean knowsSale(long saleId) {
        return sales.slotOf(saleId) >= 0;
    }

    /** The counters of one SKU, for tests and tools; null when unknown. */
    public long[] skuCounters(long sku) {
        final int index = inventory.indexOf(sku);
        return index < 0 ? null
            : new long[] {inventory.available(index), inventory.reserved(index), inventory.sold(index)};
    }

    /** Units of a SKU a customer holds (reserved or paid) against a limited sale. */
    public long limitUsage(long customerId, long sku) {
        final int index = inventory.indexOf(sku);
        if (index < 0 || inventory.saleSlot(index) == Inventory.NO_SALE) {
            return 0;
        }
        return limitUsage.get(customerId, usageKey(inventory.saleSlot(index), index));
    }

    /** The per-customer limit of the sale a SKU belongs to, or 0. */
    public int saleLimit(long sku) {
        final int index = inventory.indexOf(sku);
        return index < 0 || inventory.saleSlot(index) == Inventory.NO_SALE ? 0 : sales.limit(inventory.saleSlot(index));
    }

    // ------------------------------------------------------------------ snapshot

    /** Writes the whole state; {@link #readFrom} is its mirror image. */
    public void writeTo(StateOutput out) {
        out.putInt(SNAPSHOT_FORMAT);
        out.putLong(appliedSequence);
        out.putLong(appliedTimeMs);
        out.putLong(settings.reservationTimeoutMs());
        out.putInt(settings.dedupWindow());
        out.putInt(settings.maxSkus());
        out.putInt(settings.maxLiveOrders());
        out.putInt(settings.maxSales());
        counters.writeTo(out);
        inventory.writeTo(out);
        sales.writeTo(out);
        out.putInt(limitUsage.size());
        limitUsage.forEach((customer, key, units) -> {
            out.putLong(customer);
            out.putLong(key);
            out.putLong(units);
        });
        dedup.writeTo(out);
        orders.writeTo(out);
    }

    /**
     * About how many bytes {@link #writeTo} would write now (never much less), in O(1): lets the
     * snapshot buffer grow ahead of the state instead of during a capture.
     */
    public long snapshotBytesEstimate() {
        final long fixed = 256 + (9 + EngineCounters.REASONS) * Long.BYTES;
        return fixed
            + inventory.count() * (6L * Long.BYTES + Integer.BYTES)
            + sales.count() * (3L * Long.BYTES + Integer.BYTES)
            + limitUsage.size() * (3L * Long.BYTES)
            + dedup.count() * SNAPSHOT_BYTES_PER_ID
            + orders.liveCount() * SNAPSHOT_BYTES_PER_ORDER
            + orders.linesBound() * SNAPSHOT_BYTES_PER_LINE;
    }

    /**
     * {@link #snapshotBytesEstimate} once {@code moreOrders} more open reservations of up to four
     * lines (and their ids) are held: what a snapshot buffer made ready before a sale should hold.
     */
    public long snapshotBytesEstimate(int moreOrders) {
        return snapshotBytesEstimate()
            + moreOrders * (SNAPSHOT_BYTES_PER_ID + SNAPSHOT_BYTES_PER_ORDER + OrderBook.LINES_WITH_ROOM_MADE * SNAPSHOT_BYTES_PER_LINE);
    }

    public static BusinessLogic readFrom(StateInput in) {
        final int format = in.getInt();
        if (format != SNAPSHOT_FORMAT) {
            throw new IllegalStateException("snapshot: state format " + format + " is not " + SNAPSHOT_FORMAT);
        }
        final long sequence = in.getLong();
        final long timeMs = in.getLong();
        final DecisionSettings settings = new DecisionSettings(in.getLong(), in.getInt(), in.getInt(), in.getInt(), in.getInt());
        final BusinessLogic logic = new BusinessLogic(settings);
        logic.appliedSequence = sequence;
        logic.appliedTimeMs = timeMs;
        logic.counters.readFrom(in);
        logic.inventory.readFrom(in);
        logic.sales.readFrom(in);
        final int usageEntries = in.getCount(in.maxItems(3 * Long.BYTES), "limit usage");
        for (int i = 0; i < usageEntries; i++) {
            final long customer = in.getLong();
            final long key = in.getLong();
            final long units = in.getLong();
            if (units <= 0) {
                throw new IllegalStateException("snapshot: limit usage " + units + " is not positive");
            }
            logic.limitUsage.add(customer, key, units);
        }
        logic.dedup.readFrom(in);
        logic.orders.readFrom(in, logic.inventory.count(),
            (orderId, slot) -> logic.orders.dedupPosition(slot, logic.dedup.link(orderId, slot)));
        if (!in.exhausted()) {
            throw new IllegalStateException("snapshot: bytes left over after the state");
        }
        return logic;
    }

    // ------------------------------------------------------------------ internals

    private RejectReason checkLine(long nowMs, long customerId, OrderLines lines, int line) {
        final int index = inventory.indexOf(lines.sku(line));
        if (index < 0) {
            return RejectReason.UNKNOWN_SKU;
        }
        if (lines.unitPriceCents(line) != inventory.priceCents(index)) {
            return RejectReason.INVALID_ORDER; // the shopper saw another price: upstream must re-price
        }
        final int quantity = lines.quantity(line);
        final int sale = inventory.saleSlot(index);
        if (sale != Inventory.NO_SALE && !sales.isActive(sale, nowMs)) {
            return RejectReason.SALE_NOT_ACTIVE;
        }
        if (inventory.available(index) < quantity) {
            return RejectReason.OUT_OF_STOCK;
        }
        final int limit = sale == Inventory.NO_SALE ? SaleBook.NO_LIMIT : sales.limit(sale);
        if (limit != SaleBook.NO_LIMIT && limitUsage.get(customerId, usageKey(sale, index)) + quantity > limit) {
            return RejectReason.LIMIT_EXCEEDED;
        }
        lineSkuIndexes[line] = index;
        lineLimitSales[line] = limit == SaleBook.NO_LIMIT ? Inventory.NO_SALE : sale;
        return null;
    }

    private void reserve(
        long nowMs, long orderId, long customerId, long contentHash, OrderLines lines, EventSink events,
        CommandResult result) {
        final int lineCount = lines.count();
        long total = 0;
        for (int line = 0; line < lineCount; line++) {
            final int index = lineSkuIndexes[line];
            final int quantity = lines.quantity(line);
            inventory.reserve(index, quantity);
            if (lineLimitSales[line] != Inventory.NO_SALE) {
                limitUsage.add(customerId, usageKey(lineLimitSales[line], index), quantity);
            }
            lineQuantities[line] = quantity;
            linePrices[line] = lines.unitPriceCents(line);
            total += quantity * linePrices[line];
        }
        final long expiresAt = nowMs + settings.reservationTimeoutMs();
        final int slot = orders.add(orderId, customerId, contentHash, expiresAt, total, lineCount,
            lineSkuIndexes, lineQuantities, linePrices, lineLimitSales);
        orders.dedupPosition(slot, dedup.remember(orderId, contentHash, Status.RESERVED, null, -1, expiresAt, slot));
        counters.ordersReserved++;
        counters.gmvReservedCents += total;
        events.orderReserved(orderId, customerId, expiresAt, total);
        for (int line = 0; line < lineCount; line++) {
            final int index = lineSkuIndexes[line];
            if (inventory.available(index) == 0) {
                counters.skusSoldOut++;
                events.skuSoldOut(inventory.skuId(index), inventory.merchantId(index));
            }
        }
        result.reserved(orderId, expiresAt);
    }

    /** Answers a retry from memory (true), or rejects a reused id (true), or returns false for a new order. */
    private boolean answeredBefore(long orderId, long contentHash, EventSink events, CommandResult result) {
        final int entry = dedup.entryOf(orderId);
        final int position = DedupWindow.positionIn(entry);
        if (position != DedupWindow.NONE) {
            if (dedup.contentHash(position) != contentHash) {
                reject(orderId, RejectReason.DUPLICATE_ORDER, -1, 0, events, result);
            } else if (dedup.firstStatus(position) == Status.RESERVED) {
                result.reserved(orderId, dedup.detail(position));
            } else {
                result.rejected(orderId, dedup.reason(position), dedup.lineIndex(position), dedup.detail(position));
            }
            return true;
        }
        final int slot = DedupWindow.liveSlotIn(entry); // still reserved: the order book answers
        if (slot == OrderBook.NONE) {
            return false;
        }
        if (orders.contentHash(slot) == contentHash) {
            result.reserved(orderId, orders.expiresAtMs(slot));
        } else {
            reject(orderId, RejectReason.DUPLICATE_ORDER, -1, 0, events, result);
        }
        return true;
    }

    /**
     * Finds the live order a payment or cancel addresses. Answers the caller directly (and
     * returns NONE) when the order is unknown, already in {@code target} state (idempotent), in
     * another final state, or past its expiry time (it expires now).
     */
    private int liveOrder(long nowMs, long orderId, Status target, EventSink events, CommandResult result) {
        final int entry = orderId > 0 ? dedup.entryOf(orderId) : DedupWindow.NONE;
        final int position = DedupWindow.positionIn(entry);
        final int slot = DedupWindow.liveSlotIn(entry);
        if (slot == OrderBook.NONE) {
            if (position == DedupWindow.NONE) {
                rejectCommand(RejectReason.UNKNOWN_ORDER, orderId, events, result);
            } else if (dedup.currentStatus(position) == target) {
                result.completed(target, orderId);
            } else {
                rejectCommand(RejectReason.INVALID_STATE, orderId, events, result);
            }
            return OrderBook.NONE;
        }
        if (orders.expiresAtMs(slot) <= nowMs) {
            expire(slot, events);
            rejectCommand(RejectReason.INVALID_STATE, orderId, events, result);
            return OrderBook.NONE;
        }
        return slot;
    }

    private void expire(int slot, EventSink events) {
        events.reservationExpired(orders.orderId(slot), orders.totalCents(slot));
        release(slot);
        finish(slot, Status.EXPIRED);
        counters.ordersExpired++;
    }

    /** Returns an order's units to available stock and its limit usage to the customer. */
    private void release(int slot) {
        final long customerId = orders.customerId(slot);
        final int lineCount = orders.copyLines(slot, lineSkuIndexes, lineQuantities, linePrices, lineLimitSales);
        for (int line = 0; line < lineCount; line++) {
            inventory.release(lineSkuIndexes[line], lineQuantities[line]);
            if (lineLimitSales[line] != Inventory.NO_SALE) {
                limitUsage.add(customerId, usageKey(lineLimitSales[line], lineSkuIndexes[line]), -lineQuantities[line]);
            }
        }
    }

    /** Records an order's final state and takes it out of the live book. */
    private void finish(int slot, Status finalStatus) {
        dedup.finishLive(orders.orderId(slot), orders.dedupPosition(slot), finalStatus, orders.contentHash(slot),
            orders.expiresAtMs(slot));
        orders.remove(slot);
    }

    /** One fulfilment request per merchant in the order (lines are in the scratch arrays). */
    private void requestFulfilment(long orderId, long customerId, int lineCount, EventSink events) {
        for (int line = 0; line < lineCount; line++) {
            lineFulfilled[line] = false;
        }
        for (int first = 0; first < lineCount; first++) {
            if (lineFulfilled[first]) {
                continue;
            }
            final long merchantId = inventory.merchantId(lineSkuIndexes[first]);
            int count = 0;
            for (int line = first; line < lineCount; line++) {
                if (!lineFulfilled[line] && inventory.merchantId(lineSkuIndexes[line]) == merchantId) {
                    lineFulfilled[line] = true;
                    fulfilmentSkus[count] = inventory.skuId(lineSkuIndexes[line]);
                    fulfilmentQuantities[count] = lineQuantities[line];
                    fulfilmentPrices[count] = linePrices[line];
                    count++;
                }
            }
            events.fulfilmentRequested(orderId, merchantId, customerId, count,
                fulfilmentSkus, fulfilmentQuantities, fulfilmentPrices);
        }
    }

    private void rejectAndRemember(
        long orderId, long contentHash, RejectReason reason, int line, long sku, EventSink events, CommandResult result) {
        dedup.remember(orderId, contentHash, Status.REJECTED, reason, line, sku);
        reject(orderId, reason, line, sku, events, result);
    }

    private void reject(long orderId, RejectReason reason, int line, long sku, EventSink events, CommandResult result) {
        counters.orderRejected(reason);
        events.orderRejected(orderId, reason, line, sku);
        result.rejected(orderId, reason, line, sku);
    }

    private void rejectCommand(RejectReason reason, long subjectId, EventSink events, CommandResult result) {
        counters.commandsRejected++;
        events.commandRejected(reason, subjectId);
        result.rejected(subjectId, reason, -1, 0);
    }

    private void hashSettings(StateHasher hasher) {
        hasher.add(settings.reservationTimeoutMs()).add(settings.dedupWindow()).add(settings.maxSkus())
            .add(settings.maxLiveOrders()).add(settings.maxSales());
    }

    private static long usageKey(int saleSlot, int skuIndex) {
        return ((long) saleSlot << 32) | skuIndex;
    }
}
