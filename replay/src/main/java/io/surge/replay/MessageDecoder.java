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

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes journal entries into {@link Message}s with the engine's own SBE decoders (the tools
 * never carry a copy of the format). One instance per thread.
 */
public final class MessageDecoder {
    private final EntryReader reader = new EntryReader();
    private final PlaceOrderDecoder placeOrder = new PlaceOrderDecoder();
    private final ConfirmPaymentDecoder confirmPayment = new ConfirmPaymentDecoder();
    private final CancelOrderDecoder cancelOrder = new CancelOrderDecoder();
    private final DefineSkuDecoder defineSku = new DefineSkuDecoder();
    private final AdjustStockDecoder adjustStock = new AdjustStockDecoder();
    private final DefineSaleDecoder defineSale = new DefineSaleDecoder();
    private final TickDecoder tick = new TickDecoder();
    private final ConfigureDecoder configure = new ConfigureDecoder();
    private final OrderReservedDecoder orderReserved = new OrderReservedDecoder();
    private final OrderRejectedDecoder orderRejected = new OrderRejectedDecoder();
    private final PaymentConfirmedDecoder paymentConfirmed = new PaymentConfirmedDecoder();
    private final FulfilmentRequestedDecoder fulfilmentRequested = new FulfilmentRequestedDecoder();
    private final OrderCancelledDecoder orderCancelled = new OrderCancelledDecoder();
    private final ReservationExpiredDecoder reservationExpired = new ReservationExpiredDecoder();
    private final SkuDefinedDecoder skuDefined = new SkuDefinedDecoder();
    private final StockAdjustedDecoder stockAdjusted = new StockAdjustedDecoder();
    private final SaleDefinedDecoder saleDefined = new SaleDefinedDecoder();
    private final SkuSoldOutDecoder skuSoldOut = new SkuSoldOutDecoder();
    private final CommandRejectedDecoder commandRejected = new CommandRejectedDecoder();
    private final EngineConfiguredDecoder engineConfigured = new EngineConfiguredDecoder();

    /** Decodes a sound entry (check it first with {@link EntryHeader#problem}). */
    public DecodedEntry decode(DirectBuffer buffer, int offset, long position) {
        final Message[] command = new Message[1];
        final List<Message> events = new ArrayList<>(EntryHeader.eventCount(buffer, offset));
        reader.forEachMessage(buffer, offset, (index, templateId, b, body, blockLength, version) -> {
            final Message message = decode(templateId, b, body, blockLength, version);
            if (index == 0) {
                command[0] = message;
            } else {
                events.add(message);
            }
        });
        return new DecodedEntry(EntryHeader.sequence(buffer, offset), EntryHeader.engineTimeMs(buffer, offset),
            command[0], events, position);
    }

    private Message decode(int templateId, DirectBuffer b, int body, int blockLength, int version) {
        return switch (templateId) {
            case PlaceOrderDecoder.TEMPLATE_ID -> {
                placeOrder.wrap(b, body, blockLength, version);
                final long orderId = placeOrder.orderId();
                final long customerId = placeOrder.customerId();
                final List<Message.Line> lines = new ArrayList<>();
                for (PlaceOrderDecoder.LinesDecoder line : placeOrder.lines()) {
                    lines.add(new Message.Line(line.sku(), line.quantity(), line.unitPriceCents()));
                }
                yield new Message.PlaceOrder(orderId, customerId, List.copyOf(lines));
            }
            case ConfirmPaymentDecoder.TEMPLATE_ID ->
                new Message.ConfirmPayment(confirmPayment.wrap(b, body, blockLength, version).orderId());
            case CancelOrderDecoder.TEMPLATE_ID ->
                new Message.CancelOrder(cancelOrder.wrap(b, body, blockLength, version).orderId());
            case DefineSkuDecoder.TEMPLATE_ID -> {
                defineSku.wrap(b, body, blockLength, version);
                yield new Message.DefineSku(defineSku.sku(), defineSku.merchantId(), defineSku.priceCents(), defineSku.available());
            }
            case AdjustStockDecoder.TEMPLATE_ID -> {
                adjustStock.wrap(b, body, blockLength, version);
                yield new Message.AdjustStock(adjustStock.sku(), adjustStock.delta());
            }
            case DefineSaleDecoder.TEMPLATE_ID -> {
                defineSale.wrap(b, body, blockLength, version);
                final long saleId = defineSale.saleId();
                final long startMs = defineSale.startMs();
                final long endMs = defineSale.endMs();
                final int limit = defineSale.limitPerCustomer();
                final List<Long> skus = new ArrayList<>();
                for (DefineSaleDecoder.SkusDecoder sku : defineSale.skus()) {
                    skus.add(sku.sku());
                }
                yield new Message.DefineSale(saleId, startMs, endMs, limit, List.copyOf(skus));
            }
            case TickDecoder.TEMPLATE_ID -> new Message.Tick(tick.wrap(b, body, blockLength, version).maxExpiries());
            case ConfigureDecoder.TEMPLATE_ID -> {
                configure.wrap(b, body, blockLength, version);
                yield new Message.Configure(configure.reservationTimeoutMs(), configure.dedupWindow(), configure.maxSkus(),
                    configure.maxLiveOrders(), configure.maxSales());
            }
            case OrderReservedDecoder.TEMPLATE_ID -> {
                orderReserved.wrap(b, body, blockLength, version);
                yield new Message.OrderReserved(orderReserved.orderId(), orderReserved.expiresAtMs(), orderReserved.totalCents());
            }
            case OrderRejectedDecoder.TEMPLATE_ID -> {
                orderRejected.wrap(b, body, blockLength, version);
                yield new Message.OrderRejected(orderRejected.orderId(), reasonName(orderRejected.reason()),
                    orderRejected.lineIndex(), orderRejected.sku());
            }
            case PaymentConfirmedDecoder.TEMPLATE_ID -> {
                paymentConfirmed.wrap(b, body, blockLength, version);
                yield new Message.PaymentConfirmed(paymentConfirmed.orderId(), paymentConfirmed.totalCents());
            }
            case FulfilmentRequestedDecoder.TEMPLATE_ID -> {
                fulfilmentRequested.wrap(b, body, blockLength, version);
                final long orderId = fulfilmentRequested.orderId();
                final long merchantId = fulfilmentRequested.merchantId();
                final long customerId = fulfilmentRequested.customerId();
                final List<Message.Line> lines = new ArrayList<>();
                for (FulfilmentRequestedDecoder.LinesDecoder line : fulfilmentRequested.lines()) {
                    lines.add(new Message.Line(line.sku(), line.quantity(), line.unitPriceCents()));
                }
                yield new Message.FulfilmentRequested(orderId, merchantId, customerId, List.copyOf(lines));
            }
            case OrderCancelledDecoder.TEMPLATE_ID -> {
                orderCancelled.wrap(b, body, blockLength, version);
                yield new Message.OrderCancelled(orderCancelled.orderId(), orderCancelled.totalCents());
            }
            case ReservationExpiredDecoder.TEMPLATE_ID -> {
                reservationExpired.wrap(b, body, blockLength, version);
                yield new Message.ReservationExpired(reservationExpired.orderId(), reservationExpired.totalCents());
            }
            case SkuDefinedDecoder.TEMPLATE_ID -> {
                skuDefined.wrap(b, body, blockLength, version);
                yield new Message.SkuDefined(skuDefined.sku(), skuDefined.merchantId(), skuDefined.priceCents(),
                    skuDefined.available(), skuDefined.availableDelta());
            }
            case StockAdjustedDecoder.TEMPLATE_ID -> {
                stockAdjusted.wrap(b, body, blockLength, version);
                yield new Message.StockAdjusted(stockAdjusted.sku(), stockAdjusted.delta(), stockAdjusted.availableAfter());
            }
            case SaleDefinedDecoder.TEMPLATE_ID -> {
                saleDefined.wrap(b, body, blockLength, version);
                yield new Message.SaleDefined(saleDefined.saleId(), saleDefined.startMs(), saleDefined.endMs(),
                    saleDefined.limitPerCustomer(), saleDefined.skuCount());
            }
            case SkuSoldOutDecoder.TEMPLATE_ID -> {
                skuSoldOut.wrap(b, body, blockLength, version);
                yield new Message.SkuSoldOut(skuSoldOut.sku(), skuSoldOut.merchantId());
            }
            case CommandRejectedDecoder.TEMPLATE_ID -> {
                commandRejected.wrap(b, body, blockLength, version);
                yield new Message.CommandRejected(reasonName(commandRejected.reason()), commandRejected.subjectId());
            }
            case EngineConfiguredDecoder.TEMPLATE_ID -> {
                engineConfigured.wrap(b, body, blockLength, version);
                yield new Message.EngineConfigured(engineConfigured.reservationTimeoutMs(), engineConfigured.dedupWindow(),
                    engineConfigured.maxSkus(), engineConfigured.maxLiveOrders(), engineConfigured.maxSales());
            }
            default -> new Message.Unknown(templateId, version);
        };
    }

    private static String reasonName(short code) {
        final RejectReason reason = RejectReason.fromCode(code);
        return reason == null ? "UNKNOWN_" + code : reason.name();
    }
}
