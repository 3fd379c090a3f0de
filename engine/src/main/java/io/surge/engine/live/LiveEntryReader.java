package io.surge.engine.live;

import io.surge.engine.codec.EntryHeader;
import io.surge.engine.codec.EntryReader;
import io.surge.engine.codec.sbe.FulfilmentRequestedDecoder;
import io.surge.engine.codec.sbe.OrderCancelledDecoder;
import io.surge.engine.codec.sbe.OrderRejectedDecoder;
import io.surge.engine.codec.sbe.OrderReservedDecoder;
import io.surge.engine.codec.sbe.PaymentConfirmedDecoder;
import io.surge.engine.codec.sbe.ReservationExpiredDecoder;
import io.surge.engine.codec.sbe.SkuSoldOutDecoder;
import io.surge.engine.journal.EntryHandler;
import org.agrona.DirectBuffer;

/**
 * Turns journal entries into {@link LiveAggregates} updates: reads each entry's events in
 * place with the SBE decoders (the command itself is not needed: every outcome the view shows
 * is in the events). Allocation-free; owned by the live reader's thread.
 * <p>
 * Entries up to {@code historyEndSequence} were journaled before this engine started: they
 * count in every total, but not in orders per second, which is about what happens now.
 */
final class LiveEntryReader implements EntryHandler, EntryReader.MessageVisitor {
    private final LiveAggregates aggregates;
    private final long historyEndSequence;
    private final EntryReader entries = new EntryReader();
    private final OrderReservedDecoder reserved = new OrderReservedDecoder();
    private final OrderRejectedDecoder rejected = new OrderRejectedDecoder();
    private final PaymentConfirmedDecoder paid = new PaymentConfirmedDecoder();
    private final FulfilmentRequestedDecoder fulfilment = new FulfilmentRequestedDecoder();
    private final OrderCancelledDecoder cancelled = new OrderCancelledDecoder();
    private final ReservationExpiredDecoder expired = new ReservationExpiredDecoder();
    private final SkuSoldOutDecoder soldOut = new SkuSoldOutDecoder();
    private long entryTimeMs;
    private boolean liveEntry;
    private long liveOrdersDecided;

    LiveEntryReader(LiveAggregates aggregates, long historyEndSequence) {
        this.aggregates = aggregates;
        this.historyEndSequence = historyEndSequence;
    }

    @Override
    public boolean onEntry(DirectBuffer buffer, int offset, int length, long position) {
        final long sequence = EntryHeader.sequence(buffer, offset);
        entryTimeMs = EntryHeader.engineTimeMs(buffer, offset);
        liveEntry = sequence > historyEndSequence;
        aggregates.entry(sequence, entryTimeMs);
        entries.forEachMessage(buffer, offset, this);
        return true;
    }

    @Override
    public void onMessage(int index, int templateId, DirectBuffer buffer, int body, int blockLength, int version) {
        switch (templateId) {
            case OrderReservedDecoder.TEMPLATE_ID -> {
                aggregates.orderReserved(reserved.wrap(buffer, body, blockLength, version).totalCents());
                countDecided();
            }
            case OrderRejectedDecoder.TEMPLATE_ID -> {
                aggregates.orderRejected(rejected.wrap(buffer, body, blockLength, version).reason());
                countDecided();
            }
            case PaymentConfirmedDecoder.TEMPLATE_ID ->
                aggregates.paymentConfirmed(paid.wrap(buffer, body, blockLength, version).totalCents());
            case FulfilmentRequestedDecoder.TEMPLATE_ID -> fulfilled(buffer, body, blockLength, version);
            case OrderCancelledDecoder.TEMPLATE_ID ->
                aggregates.cancelled(cancelled.wrap(buffer, body, blockLength, version).totalCents());
            case ReservationExpiredDecoder.TEMPLATE_ID ->
                aggregates.expired(expired.wrap(buffer, body, blockLength, version).totalCents());
            case SkuSoldOutDecoder.TEMPLATE_ID -> {
                soldOut.wrap(buffer, body, blockLength, version);
                aggregates.soldOut(soldOut.sku(), soldOut.merchantId(), entryTimeMs);
            }
            default -> {
                // commands, admin events, payment or cancel rejections: not part of the view
            }
        }
    }

    /** Orders decided in live entries since the last call, for the rate window. */
    long takeLiveOrdersDecided() {
        final long count = liveOrdersDecided;
        liveOrdersDecided = 0;
        return count;
    }

    private void countDecided() {
        if (liveEntry) {
            liveOrdersDecided++;
        }
    }

    private void fulfilled(DirectBuffer buffer, int body, int blockLength, int version) {
        fulfilment.wrap(buffer, body, blockLength, version);
        final long merchantId = fulfilment.merchantId();
        for (FulfilmentRequestedDecoder.LinesDecoder line : fulfilment.lines()) {
            aggregates.fulfilled(merchantId, line.sku(), line.quantity(), line.unitPriceCents());
        }
    }
}
