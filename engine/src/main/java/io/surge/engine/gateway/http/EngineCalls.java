package io.surge.engine.gateway.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.surge.engine.codec.CommandEncoder;
import io.surge.engine.codec.QueryKind;
import io.surge.engine.domain.CommandResult;
import io.surge.engine.domain.EngineCounters;
import io.surge.engine.domain.OrderLines;
import io.surge.engine.domain.RejectReason;
import io.surge.engine.domain.Status;
import io.surge.engine.pipeline.CommandPublisher;
import io.surge.engine.pipeline.CommandWriter;
import io.surge.engine.pipeline.ResultListener;
import org.agrona.MutableDirectBuffer;

/**
 * The engine calls behind the endpoints, one small class each. Every field set in a
 * constructor is checked already (see {@link RequestBodies}): nothing invalid is published.
 */
final class EngineCalls {
    private EngineCalls() {
    }

    /** {@code POST /orders}. */
    static final class PlaceOrder extends EngineCall {
        private final long orderId;
        private final long customerId;
        private final OrderLines lines;
        private Status status;
        private RejectReason reason;
        private int lineIndex;
        private long sku;
        private long expiresAtMs;

        PlaceOrder(long orderId, long customerId, OrderLines lines) {
            this.orderId = orderId;
            this.customerId = customerId;
            this.lines = lines;
        }

        @Override
        boolean publish(CommandPublisher publisher, ResultListener listener) {
            return publisher.placeOrder(orderId, customerId, lines, listener, 0, false);
        }

        @Override
        void capture(CommandResult result) {
            status = result.status();
            reason = result.reason();
            lineIndex = result.lineIndex();
            sku = result.sku();
            expiresAtMs = result.expiresAtMs();
        }

        @Override
        Reply render() {
            if (status == Status.RESERVED) {
                return Reply.ok(new JsonText().field("orderId", orderId).field("status", "RESERVED")
                    .field("expiresAtMs", expiresAtMs).toBytes());
            }
            return rejectedOrOther(orderId, status, reason, lineIndex >= 0 && sku > 0 ? sku : 0);
        }
    }

    /** {@code POST /orders/{orderId}/pay} and {@code .../cancel}. */
    static final class OrderCommand extends EngineCall {
        private final long orderId;
        private final boolean payment;
        private Status status;
        private RejectReason reason;

        OrderCommand(long orderId, boolean payment) {
            this.orderId = orderId;
            this.payment = payment;
        }

        @Override
        boolean publish(CommandPublisher publisher, ResultListener listener) {
            return payment
                ? publisher.confirmPayment(orderId, listener, 0, false)
                : publisher.cancelOrder(orderId, listener, 0, false);
        }

        @Override
        void capture(CommandResult result) {
            status = result.status();
            reason = result.reason();
        }

        @Override
        Reply render() {
            if (status == Status.PAID || status == Status.CANCELLED) {
                return Reply.ok(new JsonText().field("orderId", orderId).field("status", status.name()).toBytes());
            }
            return rejectedOrOther(orderId, status, reason, 0);
        }
    }

    /** Admin commands and queries: written into the slot by the call itself (no lambda per request). */
    abstract static class Written extends EngineCall implements CommandWriter {
        @Override
        final boolean publish(CommandPublisher publisher, ResultListener listener) {
            return publisher.publish(this, listener, 0, false);
        }
    }

    /** {@code GET /orders/{orderId}}: the order while the engine holds it (a live reservation). */
    static final class OrderQuery extends Written {
        private final long orderId;
        private final OrderLines lines = new OrderLines();
        private boolean found;
        private long customerId;
        private Status orderStatus;

        OrderQuery(long orderId) {
            this.orderId = orderId;
        }

        @Override
        public int write(CommandEncoder encoder, MutableDirectBuffer entry) {
            return encoder.query(entry, QueryKind.ORDER, orderId);
        }

        @Override
        void capture(CommandResult result) {
            found = result.status() == Status.FOUND;
            if (found) {
                customerId = result.customerId();
                orderStatus = result.orderStatus();
                lines.copyFrom(result.lines());
            }
        }

        @Override
        Reply render() {
            if (!found) {
                return Reply.notFound("orderId: order " + orderId
                    + " is not held by the engine (unknown, or already paid, cancelled or expired)");
            }
            final JsonText json = new JsonText().field("orderId", orderId).field("customerId", customerId)
                .field("status", orderStatus.name()).startArray("lines");
            for (int i = 0; i < lines.count(); i++) {
                json.startObject().field("sku", lines.sku(i)).field("qty", lines.quantity(i))
                    .field("priceCents", lines.unitPriceCents(i)).endObject();
            }
            return Reply.ok(json.endArray().toBytes());
        }
    }

    /** {@code GET /skus/{sku}}. */
    static final class SkuQuery extends Written {
        private final long sku;
        private boolean found;
        private long merchantId;
        private long priceCents;
        private long available;
        private long reserved;
        private long sold;

        SkuQuery(long sku) {
            this.sku = sku;
        }

        @Override
        public int write(CommandEncoder encoder, MutableDirectBuffer entry) {
            return encoder.query(entry, QueryKind.SKU, sku);
        }

        @Override
        void capture(CommandResult result) {
            found = result.status() == Status.FOUND;
            merchantId = result.merchantId();
            priceCents = result.priceCents();
            available = result.available();
            reserved = result.reserved();
            sold = result.sold();
        }

        @Override
        Reply render() {
            if (!found) {
                return Reply.notFound("sku: SKU " + sku + " is not defined");
            }
            return Reply.ok(new JsonText().field("sku", sku).field("merchantId", merchantId)
                .field("priceCents", priceCents).field("available", available).field("reserved", reserved)
                .field("sold", sold).toBytes());
        }
    }

    /** The engine's counters between two commands: {@code GET /stats} and {@code GET /metrics}. */
    abstract static class CountersQuery extends Written {
        final EngineCounters counters = new EngineCounters();
        long sequence;

        @Override
        public final int write(CommandEncoder encoder, MutableDirectBuffer entry) {
            return encoder.query(entry, QueryKind.COUNTERS, 0);
        }

        @Override
        final void capture(CommandResult result) {
            counters.copyFrom(result.counters());
            sequence = result.sequence();
        }
    }

    /** {@code GET /stats}. */
    static final class Stats extends CountersQuery {
        @Override
        Reply render() {
            return Reply.ok(new JsonText()
                .field("ordersReserved", counters.ordersReserved())
                .field("ordersRejected", counters.ordersRejected())
                .field("ordersPaid", counters.ordersPaid())
                .field("ordersCancelled", counters.ordersCancelled())
                .field("ordersExpired", counters.ordersExpired())
                .field("gmvCents", counters.gmvPaidCents())
                .field("journalSequence", sequence)
                .toBytes());
        }
    }

    /** {@code GET /metrics}: the counters plus the pipeline's own figures, in Prometheus text format. */
    static final class Metrics extends CountersQuery {
        private final MetricsRenderer renderer;

        Metrics(MetricsRenderer renderer) {
            this.renderer = renderer;
        }

        @Override
        Reply render() {
            return new Reply(HttpResponseStatus.OK, renderer.render(counters, sequence), MetricsRenderer.CONTENT_TYPE,
                null, null);
        }
    }

    /** {@code PUT /skus/{sku}}. */
    static final class DefineSku extends AdminCommand {
        private final long sku;
        private final long merchantId;
        private final long priceCents;
        private final long available;

        DefineSku(long sku, long merchantId, long priceCents, long available) {
            super("sku", sku);
            this.sku = sku;
            this.merchantId = merchantId;
            this.priceCents = priceCents;
            this.available = available;
        }

        @Override
        public int write(CommandEncoder encoder, MutableDirectBuffer entry) {
            return encoder.defineSku(entry, sku, merchantId, priceCents, available);
        }
    }

    /** {@code POST /skus/{sku}/restock}. */
    static final class Restock extends AdminCommand {
        private final long sku;
        private final long qty;

        Restock(long sku, long qty) {
            super("sku", sku);
            this.sku = sku;
            this.qty = qty;
        }

        @Override
        public int write(CommandEncoder encoder, MutableDirectBuffer entry) {
            return encoder.adjustStock(entry, sku, qty);
        }
    }

    /** {@code PUT /sales/{saleId}}. */
    static final class DefineSale extends AdminCommand {
        private final long saleId;
        private final long startMs;
        private final long endMs;
        private final int limitPerCustomer;
        private final long[] skus;

        DefineSale(long saleId, long startMs, long endMs, int limitPerCustomer, long[] skus) {
            super("saleId", saleId);
            this.saleId = saleId;
            this.startMs = startMs;
            this.endMs = endMs;
            this.limitPerCustomer = limitPerCustomer;
            this.skus = skus;
        }

        @Override
        public int write(CommandEncoder encoder, MutableDirectBuffer entry) {
            return encoder.defineSale(entry, saleId, startMs, endMs, limitPerCustomer, skus, skus.length);
        }

        @Override
        long offendingSku() {
            // The engine names the unknown SKU as the subject of an UNKNOWN_SKU rejection.
            return reason == RejectReason.UNKNOWN_SKU ? subject : 0;
        }
    }

    /**
     * An admin command's answer: {@code {"<idName>":id,"status":"ACCEPTED"}} or
     * {@code {"<idName>":id,"status":"REJECTED","reason":"...","sku":n}} ("sku" only when the
     * rejection names another SKU than the path's).
     */
    abstract static class AdminCommand extends Written {
        private final String idName;
        private final long id;
        Status status;
        RejectReason reason;
        long subject;

        AdminCommand(String idName, long id) {
            this.idName = idName;
            this.id = id;
        }

        @Override
        final void capture(CommandResult result) {
            status = result.status();
            reason = result.reason();
            subject = result.orderId();
        }

        long offendingSku() {
            return 0;
        }

        @Override
        final Reply render() {
            if (status == Status.ACCEPTED) {
                return Reply.ok(new JsonText().field(idName, id).field("status", "ACCEPTED").toBytes());
            }
            if (status == Status.REJECTED) {
                final JsonText json = new JsonText().field(idName, id).field("status", "REJECTED")
                    .field("reason", reason == null ? "UNKNOWN" : reason.name());
                if (offendingSku() > 0) {
                    json.field("sku", offendingSku());
                }
                return Reply.ok(json.toBytes());
            }
            return unexpected(status);
        }
    }

    /** A REJECTED order answer ("sku" only when the rejection names one), or a defensive 500. */
    static Reply rejectedOrOther(long orderId, Status status, RejectReason reason, long sku) {
        if (status != Status.REJECTED) {
            return unexpected(status);
        }
        final JsonText json = new JsonText().field("orderId", orderId).field("status", "REJECTED")
            .field("reason", reason == null ? "UNKNOWN" : reason.name());
        if (sku > 0) {
            json.field("sku", sku);
        }
        return Reply.ok(json.toBytes());
    }

    private static Reply unexpected(Status status) {
        return Reply.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "the engine answered " + status);
    }
}
