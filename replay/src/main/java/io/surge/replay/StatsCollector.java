package io.surge.replay;

import io.surge.engine.codec.EntryHeader;
import io.surge.engine.codec.EntryReader;
import io.surge.engine.codec.sbe.AdjustStockDecoder;
import io.surge.engine.codec.sbe.CancelOrderDecoder;
import io.surge.engine.codec.sbe.CommandRejectedDecoder;
import io.surge.engine.codec.sbe.ConfigureDecoder;
import io.surge.engine.codec.sbe.ConfirmPaymentDecoder;
import io.surge.engine.codec.sbe.DefineSaleDecoder;
import io.surge.engine.codec.sbe.DefineSkuDecoder;
import io.surge.engine.codec.sbe.EngineConfiguredDecoder;
import io.surge.engine.codec.sbe.FulfilmentRequestedDecoder;
import io.surge.engine.codec.sbe.OrderCancelledDecoder;
import io.surge.engine.codec.sbe.OrderRejectedDecoder;
import io.surge.engine.codec.sbe.OrderReservedDecoder;
import io.surge.engine.codec.sbe.PaymentConfirmedDecoder;
import io.surge.engine.codec.sbe.PlaceOrderDecoder;
import io.surge.engine.codec.sbe.ReservationExpiredDecoder;
import io.surge.engine.codec.sbe.SaleDefinedDecoder;
import io.surge.engine.codec.sbe.SkuDefinedDecoder;
import io.surge.engine.codec.sbe.SkuSoldOutDecoder;
import io.surge.engine.codec.sbe.StockAdjustedDecoder;
import io.surge.engine.codec.sbe.TickDecoder;
import io.surge.engine.domain.RejectReason;
import org.agrona.DirectBuffer;
import org.agrona.collections.LongHashSet;

import java.util.Arrays;

/**
 * Streams a journal once for {@code stats}: counts commands and events by type, rejections by
 * reason, orders and GMV per time bucket, units and GMV per SKU and merchant, and the first
 * sell-out of each SKU. Walks the messages in place with the engine's {@link EntryReader} and SBE
 * flyweights: nothing is allocated per entry, and nothing is kept per order (a reservation's
 * lines come from its own PlaceOrder command, a payment's from its FulfilmentRequested events).
 * <p>
 * Entries before {@code from} are only looked at for SKU definitions (to know each SKU's
 * merchant); the scan stops at the first entry past {@code to}. The figures are read by the
 * reports once the scan is over. One thread.
 */
final class StatsCollector implements JournalScan.EntryVisitor, EntryReader.MessageVisitor {
    /** Template ids below this are counted in arrays (the schema uses 1..127). */
    static final int TYPES = 128;
    static final int REASONS = 256;

    private static final String[] NAMES = names();

    private final EntryReader reader = new EntryReader();
    private final PlaceOrderDecoder placeOrder = new PlaceOrderDecoder();
    private final OrderReservedDecoder orderReserved = new OrderReservedDecoder();
    private final OrderRejectedDecoder orderRejected = new OrderRejectedDecoder();
    private final PaymentConfirmedDecoder paymentConfirmed = new PaymentConfirmedDecoder();
    private final FulfilmentRequestedDecoder fulfilmentRequested = new FulfilmentRequestedDecoder();
    private final OrderCancelledDecoder orderCancelled = new OrderCancelledDecoder();
    private final ReservationExpiredDecoder reservationExpired = new ReservationExpiredDecoder();
    private final SkuDefinedDecoder skuDefined = new SkuDefinedDecoder();
    private final SkuSoldOutDecoder skuSoldOut = new SkuSoldOutDecoder();
    private final CommandRejectedDecoder commandRejected = new CommandRejectedDecoder();

    private final Point from;
    private final Point to;
    private final Progress progress;

    // the entry being walked
    private boolean inRange;
    private int bucket;
    private long entrySequence;
    private long entryTimeMs;
    private int commandTemplateId;
    private DirectBuffer commandBuffer;
    private int commandBody;
    private int commandBlockLength;
    private int commandVersion;

    // ---- figures, read by the reports after the scan ----
    long entriesRead;
    long entries;
    long events;
    long firstSequence;
    long lastSequence;
    long firstTimeMs;
    long lastTimeMs;
    final long[] commandsByType = new long[TYPES];
    final long[] eventsByType = new long[TYPES];
    long commandsOfOtherTypes;
    long eventsOfOtherTypes;
    final long[] ordersRejectedByReason = new long[REASONS];
    final long[] commandsRejectedByReason = new long[REASONS];
    long ordersPlaced;
    long ordersReserved;
    long ordersRejected;
    long ordersPaid;
    long ordersCancelled;
    long ordersExpired;
    long gmvReservedCents;
    long gmvPaidCents;
    long gmvCancelledCents;
    long gmvExpiredCents;
    final StatsTimeline timeline;
    final StatsTotals skus = new StatsTotals();
    final StatsTotals merchants = new StatsTotals();
    private final LongHashSet soldOut = new LongHashSet();
    int soldOutCount;
    long[] soldOutSku = new long[64];
    long[] soldOutMerchant = new long[64];
    long[] soldOutAtMs = new long[64];
    long[] soldOutSequence = new long[64];

    StatsCollector(long bucketMs, Point from, Point to, Progress progress) {
        this.timeline = new StatsTimeline(bucketMs);
        this.from = from;
        this.to = to;
        this.progress = progress;
    }

    @Override
    public boolean onEntry(DirectBuffer buffer, int offset, int length, long position) {
        final long sequence = EntryHeader.sequence(buffer, offset);
        final long timeMs = EntryHeader.engineTimeMs(buffer, offset);
        if (to != null && !to.isNotPassedBy(sequence, timeMs)) {
            return false;
        }
        progress.update(++entriesRead);
        if (from != null && !from.isReachedBy(sequence, timeMs)) {
            if (EntryHeader.entryType(buffer, offset) == DefineSkuDecoder.TEMPLATE_ID) {
                inRange = false;
                reader.forEachMessage(buffer, offset, this);
            }
            return true;
        }
        if (entries == 0) {
            firstSequence = sequence;
            firstTimeMs = timeMs;
        }
        entries++;
        lastSequence = sequence;
        lastTimeMs = timeMs;
        inRange = true;
        entrySequence = sequence;
        entryTimeMs = timeMs;
        bucket = timeline.bucket(timeMs);
        reader.forEachMessage(buffer, offset, this);
        return true;
    }

    @Override
    public void onMessage(int index, int templateId, DirectBuffer buffer, int body, int blockLength, int version) {
        if (!inRange) {
            if (templateId == SkuDefinedDecoder.TEMPLATE_ID) {
                onSkuDefined(buffer, body, blockLength, version);
            }
            return;
        }
        if (index == 0) {
            onCommand(templateId, buffer, body, blockLength, version);
            return;
        }
        events++;
        if (templateId < TYPES) {
            eventsByType[templateId]++;
        } else {
            eventsOfOtherTypes++;
        }
        switch (templateId) {
            case OrderReservedDecoder.TEMPLATE_ID -> onOrderReserved(buffer, body, blockLength, version);
            case OrderRejectedDecoder.TEMPLATE_ID -> {
                final int reason = orderRejected.wrap(buffer, body, blockLength, version).reason() & 0xFF;
                ordersRejected++;
                ordersRejectedByReason[reason]++;
                timeline.onRejected(bucket, reason);
            }
            case PaymentConfirmedDecoder.TEMPLATE_ID -> {
                final long totalCents = paymentConfirmed.wrap(buffer, body, blockLength, version).totalCents();
                ordersPaid++;
                gmvPaidCents += totalCents;
                timeline.onPaid(bucket, totalCents);
            }
            case FulfilmentRequestedDecoder.TEMPLATE_ID -> onFulfilmentRequested(buffer, body, blockLength, version);
            case OrderCancelledDecoder.TEMPLATE_ID -> {
                ordersCancelled++;
                gmvCancelledCents += orderCancelled.wrap(buffer, body, blockLength, version).totalCents();
            }
            case ReservationExpiredDecoder.TEMPLATE_ID -> {
                ordersExpired++;
                gmvExpiredCents += reservationExpired.wrap(buffer, body, blockLength, version).totalCents();
            }
            case SkuDefinedDecoder.TEMPLATE_ID -> onSkuDefined(buffer, body, blockLength, version);
            case SkuSoldOutDecoder.TEMPLATE_ID -> onSkuSoldOut(buffer, body, blockLength, version);
            case CommandRejectedDecoder.TEMPLATE_ID ->
                commandsRejectedByReason[commandRejected.wrap(buffer, body, blockLength, version).reason() & 0xFF]++;
            default -> {
                // counted by type only
            }
        }
    }

    private void onCommand(int templateId, DirectBuffer buffer, int body, int blockLength, int version) {
        if (templateId < TYPES) {
            commandsByType[templateId]++;
        } else {
            commandsOfOtherTypes++;
        }
        commandTemplateId = templateId;
        if (templateId == PlaceOrderDecoder.TEMPLATE_ID) {
            ordersPlaced++;
            timeline.onPlaced(bucket);
            commandBuffer = buffer;
            commandBody = body;
            commandBlockLength = blockLength;
            commandVersion = version;
        }
    }

    /** GMV reserved from the event; units and GMV per SKU and merchant from the order's own lines. */
    private void onOrderReserved(DirectBuffer buffer, int body, int blockLength, int version) {
        final long totalCents = orderReserved.wrap(buffer, body, blockLength, version).totalCents();
        ordersReserved++;
        gmvReservedCents += totalCents;
        timeline.onReserved(bucket, totalCents);
        if (commandTemplateId != PlaceOrderDecoder.TEMPLATE_ID) {
            return;
        }
        placeOrder.wrap(commandBuffer, commandBody, commandBlockLength, commandVersion);
        for (PlaceOrderDecoder.LinesDecoder line : placeOrder.lines()) {
            final int quantity = line.quantity();
            final long gmvCents = quantity * line.unitPriceCents();
            final int sku = skus.indexOf(line.sku());
            skus.reserved(sku, quantity, gmvCents);
            merchants.reserved(merchants.indexOf(skus.owner(sku)), quantity, gmvCents);
        }
    }

    private void onFulfilmentRequested(DirectBuffer buffer, int body, int blockLength, int version) {
        fulfilmentRequested.wrap(buffer, body, blockLength, version);
        final int merchant = merchants.indexOf(fulfilmentRequested.merchantId());
        for (FulfilmentRequestedDecoder.LinesDecoder line : fulfilmentRequested.lines()) {
            final int quantity = line.quantity();
            final long gmvCents = quantity * line.unitPriceCents();
            skus.paid(skus.indexOf(line.sku()), quantity, gmvCents);
            merchants.paid(merchant, quantity, gmvCents);
        }
    }

    private void onSkuDefined(DirectBuffer buffer, int body, int blockLength, int version) {
        skuDefined.wrap(buffer, body, blockLength, version);
        skus.owner(skus.indexOf(skuDefined.sku()), skuDefined.merchantId());
    }

    private void onSkuSoldOut(DirectBuffer buffer, int body, int blockLength, int version) {
        skuSoldOut.wrap(buffer, body, blockLength, version);
        final long sku = skuSoldOut.sku();
        if (!soldOut.add(sku)) {
            return;
        }
        if (soldOutCount == soldOutSku.length) {
            final int capacity = soldOutCount * 2;
            soldOutSku = Arrays.copyOf(soldOutSku, capacity);
            soldOutMerchant = Arrays.copyOf(soldOutMerchant, capacity);
            soldOutAtMs = Arrays.copyOf(soldOutAtMs, capacity);
            soldOutSequence = Arrays.copyOf(soldOutSequence, capacity);
        }
        soldOutSku[soldOutCount] = sku;
        soldOutMerchant[soldOutCount] = skuSoldOut.merchantId();
        soldOutAtMs[soldOutCount] = entryTimeMs;
        soldOutSequence[soldOutCount] = entrySequence;
        soldOutCount++;
    }

    /** The message name of a template id, as the schema spells it. */
    static String typeName(int templateId) {
        return templateId >= 0 && templateId < TYPES && NAMES[templateId] != null ? NAMES[templateId] : "template " + templateId;
    }

    /** A reject reason's name for its journal code. */
    static String reasonName(int code) {
        final RejectReason reason = RejectReason.fromCode(code);
        return reason == null ? "UNKNOWN_" + code : reason.name();
    }

    private static String[] names() {
        final String[] names = new String[TYPES];
        name(names, PlaceOrderDecoder.TEMPLATE_ID, PlaceOrderDecoder.class);
        name(names, ConfirmPaymentDecoder.TEMPLATE_ID, ConfirmPaymentDecoder.class);
        name(names, CancelOrderDecoder.TEMPLATE_ID, CancelOrderDecoder.class);
        name(names, DefineSkuDecoder.TEMPLATE_ID, DefineSkuDecoder.class);
        name(names, AdjustStockDecoder.TEMPLATE_ID, AdjustStockDecoder.class);
        name(names, DefineSaleDecoder.TEMPLATE_ID, DefineSaleDecoder.class);
        name(names, TickDecoder.TEMPLATE_ID, TickDecoder.class);
        name(names, ConfigureDecoder.TEMPLATE_ID, ConfigureDecoder.class);
        name(names, OrderReservedDecoder.TEMPLATE_ID, OrderReservedDecoder.class);
        name(names, OrderRejectedDecoder.TEMPLATE_ID, OrderRejectedDecoder.class);
        name(names, PaymentConfirmedDecoder.TEMPLATE_ID, PaymentConfirmedDecoder.class);
        name(names, FulfilmentRequestedDecoder.TEMPLATE_ID, FulfilmentRequestedDecoder.class);
        name(names, OrderCancelledDecoder.TEMPLATE_ID, OrderCancelledDecoder.class);
        name(names, ReservationExpiredDecoder.TEMPLATE_ID, ReservationExpiredDecoder.class);
        name(names, SkuDefinedDecoder.TEMPLATE_ID, SkuDefinedDecoder.class);
        name(names, StockAdjustedDecoder.TEMPLATE_ID, StockAdjustedDecoder.class);
        name(names, SaleDefinedDecoder.TEMPLATE_ID, SaleDefinedDecoder.class);
        name(names, SkuSoldOutDecoder.TEMPLATE_ID, SkuSoldOutDecoder.class);
        name(names, CommandRejectedDecoder.TEMPLATE_ID, CommandRejectedDecoder.class);
        name(names, EngineConfiguredDecoder.TEMPLATE_ID, EngineConfiguredDecoder.class);
        return names;
    }

    private static void name(String[] names, int templateId, Class<?> decoder) {
        final String name = decoder.getSimpleName();
        names[templateId] = name.substring(0, name.length() - "Decoder".length());
    }
}
