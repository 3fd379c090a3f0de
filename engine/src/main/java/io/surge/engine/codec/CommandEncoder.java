package io.surge.engine.codec;

import io.surge.engine.codec.sbe.AdjustStockEncoder;
import io.surge.engine.codec.sbe.CancelOrderEncoder;
import io.surge.engine.codec.sbe.ConfigureEncoder;
import io.surge.engine.codec.sbe.ConfirmPaymentEncoder;
import io.surge.engine.codec.sbe.DefineSaleEncoder;
import io.surge.engine.codec.sbe.DefineSkuEncoder;
import io.surge.engine.codec.sbe.MessageHeaderEncoder;
import io.surge.engine.codec.sbe.PlaceOrderEncoder;
import io.surge.engine.codec.sbe.QueryEncoder;
import io.surge.engine.codec.sbe.TickEncoder;
import io.surge.engine.domain.DecisionSettings;
import io.surge.engine.domain.OrderLines;
import org.agrona.MutableDirectBuffer;

/**
 * Writes a command as an SBE message at {@link EntryHeader#LENGTH} of an entry buffer, leaving
 * room for the header the business logic fills in. Each method returns the offset just past
 * the command. Not thread-safe: one instance per producing thread.
 */
public final class CommandEncoder {
    public static final int COMMAND_OFFSET = EntryHeader.LENGTH;

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final PlaceOrderEncoder placeOrder = new PlaceOrderEncoder();
    private final ConfirmPaymentEncoder confirmPayment = new ConfirmPaymentEncoder();
    private final CancelOrderEncoder cancelOrder = new CancelOrderEncoder();
    private final DefineSkuEncoder defineSku = new DefineSkuEncoder();
    private final AdjustStockEncoder adjustStock = new AdjustStockEncoder();
    private final DefineSaleEncoder defineSale = new DefineSaleEncoder();
    private final TickEncoder tick = new TickEncoder();
    private final ConfigureEncoder configure = new ConfigureEncoder();
    private final QueryEncoder query = new QueryEncoder();

    public int placeOrder(MutableDirectBuffer buffer, long orderId, long customerId, OrderLines lines) {
        placeOrder.wrapAndApplyHeader(buffer, COMMAND_OFFSET, header).orderId(orderId).customerId(customerId);
        final int lineCount = lines.count();
        final PlaceOrderEncoder.LinesEncoder encodedLines = placeOrder.linesCount(lineCount);
        for (int i = 0; i < lineCount; i++) {
            encodedLines.next().sku(lines.sku(i)).quantity(lines.quantity(i)).unitPriceCents(lines.unitPriceCents(i));
        }
        return end(placeOrder.encodedLength());
    }

    public int confirmPayment(MutableDirectBuffer buffer, long orderId) {
        confirmPayment.wrapAndApplyHeader(buffer, COMMAND_OFFSET, header).orderId(orderId);
        return end(confirmPayment.encodedLength());
    }

    public int cancelOrder(MutableDirectBuffer buffer, long orderId) {
        cancelOrder.wrapAndApplyHeader(buffer, COMMAND_OFFSET, header).orderId(orderId);
        return end(cancelOrder.encodedLength());
    }

    public int defineSku(MutableDirectBuffer buffer, long sku, long merchantId, long priceCents, long available) {
        defineSku.wrapAndApplyHeader(buffer, COMMAND_OFFSET, header)
            .sku(sku).merchantId(merchantId).priceCents(priceCents).available(available);
        return end(defineSku.encodedLength());
    }

    public int adjustStock(MutableDirectBuffer buffer, long sku, long delta) {
        adjustStock.wrapAndApplyHeader(buffer, COMMAND_OFFSET, header).sku(sku).delta(delta);
        return end(adjustStock.encodedLength());
    }

    public int defineSale(
        MutableDirectBuffer buffer, long saleId, long startMs, long endMs, int limitPerCustomer, long[] skus, int skuCount) {
        defineSale.wrapAndApplyHeader(buffer, COMMAND_OFFSET, header)
            .saleId(saleId).startMs(startMs).endMs(endMs).limitPerCustomer(limitPerCustomer);
        final DefineSaleEncoder.SkusEncoder encodedSkus = defineSale.skusCount(skuCount);
        for (int i = 0; i < skuCount; i++) {
            encodedSkus.next().sku(skus[i]);
        }
        return end(defineSale.encodedLength());
    }

    public int tick(MutableDirectBuffer buffer, int maxExpiries) {
        tick.wrapAndApplyHeader(buffer, COMMAND_OFFSET, header).maxExpiries(maxExpiries);
        return end(tick.encodedLength());
    }

    public int configure(MutableDirectBuffer buffer, DecisionSettings settings) {
        configure.wrapAndApplyHeader(buffer, COMMAND_OFFSET, header)
            .reservationTimeoutMs(settings.reservationTimeoutMs())
            .dedupWindow(settings.dedupWindow())
            .maxSkus(settings.maxSkus())
            .maxLiveOrders(settings.maxLiveOrders())
            .maxSales(settings.maxSales());
        return end(configure.encodedLength());
    }

    public int query(MutableDirectBuffer buffer, QueryKind kind, long subjectId) {
        query.wrapAndApplyHeader(buffer, COMMAND_OFFSET, header).kind((short) kind.code()).subjectId(subjectId);
        return end(query.encodedLength());
    }

    private static int end(int bodyLength) {
        return COMMAND_OFFSET + MessageHeaderEncoder.ENCODED_LENGTH + bodyLength;
    }
}
