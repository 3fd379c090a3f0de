package io.surge.replay;

import java.util.List;

/**
 * A message's fields in a fixed order, each under its journal name (units last:
 * {@code totalCents}, {@code expiresAtMs}) and with its kind, so that every output format, and
 * the filters, see the same names. Stateless.
 */
final class MessageFields {

    /** Receives the fields of one message. */
    interface FieldSink {
        /** An id, a count or a duration. */
        void number(String name, long value);

        /** Money in cents; the name ends in {@code Cents}. */
        void money(String name, long cents);

        /** An engine time in epoch milliseconds; the name ends in {@code Ms}. */
        void time(String name, long epochMs);

        void text(String name, String value);

        void lines(String name, List<Message.Line> lines);

        void skus(String name, List<Long> skus);
    }

    private MessageFields() {
    }

    /** Hands the message's fields to the sink (its type is {@link Message#type()}). */
    static void describe(Message message, FieldSink sink) {
        if (message instanceof Message.PlaceOrder m) {
            sink.number("orderId", m.orderId());
            sink.number("customerId", m.customerId());
            sink.lines("lines", m.lines());
        } else if (message instanceof Message.OrderReserved m) {
            sink.number("orderId", m.orderId());
            sink.time("expiresAtMs", m.expiresAtMs());
            sink.money("totalCents", m.totalCents());
        } else if (message instanceof Message.OrderRejected m) {
            sink.number("orderId", m.orderId());
            sink.text("reason", m.reason());
            sink.number("lineIndex", m.lineIndex());
            sink.number("sku", m.sku());
        } else if (message instanceof Message.ConfirmPayment m) {
            sink.number("orderId", m.orderId());
        } else if (message instanceof Message.PaymentConfirmed m) {
            sink.number("orderId", m.orderId());
            sink.money("totalCents", m.totalCents());
        } else if (message instanceof Message.FulfilmentRequested m) {
            sink.number("orderId", m.orderId());
            sink.number("merchantId", m.merchantId());
            sink.number("customerId", m.customerId());
            sink.lines("lines", m.lines());
        } else if (message instanceof Message.CancelOrder m) {
            sink.number("orderId", m.orderId());
        } else if (message instanceof Message.OrderCancelled m) {
            sink.number("orderId", m.orderId());
            sink.money("totalCents", m.totalCents());
        } else if (message instanceof Message.Tick m) {
            sink.number("maxExpiries", m.maxExpiries());
        } else if (message instanceof Message.ReservationExpired m) {
            sink.number("orderId", m.orderId());
            sink.money("totalCents", m.totalCents());
        } else if (message instanceof Message.SkuSoldOut m) {
            sink.number("sku", m.sku());
            sink.number("merchantId", m.merchantId());
        } else {
            describeAdmin(message, sink);
        }
    }

    private static void describeAdmin(Message message, FieldSink sink) {
        if (message instanceof Message.DefineSku m) {
            sink.number("sku", m.sku());
            sink.number("merchantId", m.merchantId());
            sink.money("priceCents", m.priceCents());
            sink.number("available", m.available());
        } else if (message instanceof Message.SkuDefined m) {
            sink.number("sku", m.sku());
            sink.number("merchantId", m.merchantId());
            sink.money("priceCents", m.priceCents());
            sink.number("available", m.available());
            sink.number("availableDelta", m.availableDelta());
        } else if (message instanceof Message.AdjustStock m) {
            sink.number("sku", m.sku());
            sink.number("delta", m.delta());
        } else if (message instanceof Message.StockAdjusted m) {
            sink.number("sku", m.sku());
            sink.number("delta", m.delta());
            sink.number("availableAfter", m.availableAfter());
        } else if (message instanceof Message.DefineSale m) {
            sink.number("saleId", m.saleId());
            sink.time("startMs", m.startMs());
            sink.time("endMs", m.endMs());
            sink.number("limitPerCustomer", m.limitPerCustomer());
            sink.skus("skus", m.skus());
        } else if (message instanceof Message.SaleDefined m) {
            sink.number("saleId", m.saleId());
            sink.time("startMs", m.startMs());
            sink.time("endMs", m.endMs());
            sink.number("limitPerCustomer", m.limitPerCustomer());
            sink.number("skuCount", m.skuCount());
        } else if (message instanceof Message.CommandRejected m) {
            sink.text("reason", m.reason());
            sink.number("subjectId", m.subjectId());
        } else if (message instanceof Message.Configure m) {
            settings(sink, m.reservationTimeoutMs(), m.dedupWindow(), m.maxSkus(), m.maxLiveOrders(), m.maxSales());
        } else if (message instanceof Message.EngineConfigured m) {
            settings(sink, m.reservationTimeoutMs(), m.dedupWindow(), m.maxSkus(), m.maxLiveOrders(), m.maxSales());
        } else if (message instanceof Message.Unknown m) {
            sink.number("templateId", m.templateId());
            sink.number("version", m.version());
        }
    }

    private static void settings(
        FieldSink sink, long reservationTimeoutMs, int dedupWindow, int maxSkus, int maxLiveOrders, int maxSales) {
        sink.number("reservationTimeoutMs", reservationTimeoutMs);
        sink.number("dedupWindow", dedupWindow);
        sink.number("maxSkus", maxSkus);
        sink.number("maxLiveOrders", maxLiveOrders);
        sink.number("maxSales", maxSales);
    }

    /** The name people read: money and times without their unit suffix ({@code total}, {@code expiresAt}). */
    static String label(String name) {
        if (name.endsWith("Cents")) {
            return name.substring(0, name.length() - "Cents".length());
        }
        if (name.endsWith("Ms")) {
            return name.substring(0, name.length() - "Ms".length());
        }
        return name;
    }

    /** An order's value: the sum of quantity × unit price over its lines. */
    static long valueCents(List<Message.Line> lines) {
        long cents = 0;
        for (Message.Line line : lines) {
            cents += line.quantity() * line.unitPriceCents();
        }
        return cents;
    }
}
