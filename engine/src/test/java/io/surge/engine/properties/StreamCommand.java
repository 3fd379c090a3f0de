package io.surge.engine.properties;

import io.surge.engine.codec.CommandEncoder;
import io.surge.engine.domain.BusinessLogic;
import io.surge.engine.domain.CommandResult;
import io.surge.engine.domain.DecisionSettings;
import io.surge.engine.domain.EventSink;
import io.surge.engine.domain.OrderLines;
import org.agrona.MutableDirectBuffer;

import java.util.Arrays;

/**
 * One command of a generated stream, stamped with the engine time it is decided at. It can be
 * decided directly by a {@link BusinessLogic} or encoded for a
 * {@link io.surge.engine.execution.CommandExecutor}, so the same stream drives both the
 * invariant properties and the determinism properties.
 */
sealed interface StreamCommand {
    long nowMs();

    void applyTo(BusinessLogic logic, EventSink events, CommandResult result);

    /** Encodes the command at {@link CommandEncoder#COMMAND_OFFSET}; returns the offset past it. */
    int encode(CommandEncoder encoder, MutableDirectBuffer entry);

    record Configure(long nowMs, DecisionSettings settings) implements StreamCommand {
        @Override
        public void applyTo(BusinessLogic logic, EventSink events, CommandResult result) {
            logic.configure(settings, events, result);
        }

        @Override
        public int encode(CommandEncoder encoder, MutableDirectBuffer entry) {
            return encoder.configure(entry, settings);
        }
    }

    record DefineSku(long nowMs, long sku, long merchantId, long priceCents, long available) implements StreamCommand {
        @Override
        public void applyTo(BusinessLogic logic, EventSink events, CommandResult result) {
            logic.defineSku(nowMs, sku, merchantId, priceCents, available, events, result);
        }

        @Override
        public int encode(CommandEncoder encoder, MutableDirectBuffer entry) {
            return encoder.defineSku(entry, sku, merchantId, priceCents, available);
        }
    }

    record AdjustStock(long nowMs, long sku, long delta) implements StreamCommand {
        @Override
        public void applyTo(BusinessLogic logic, EventSink events, CommandResult result) {
            logic.adjustStock(nowMs, sku, delta, events, result);
        }

        @Override
        public int encode(CommandEncoder encoder, MutableDirectBuffer entry) {
            return encoder.adjustStock(entry, sku, delta);
        }
    }

    record DefineSale(long nowMs, long saleId, long startMs, long endMs, int limitPerCustomer, long[] skus)
        implements StreamCommand {
        @Override
        public void applyTo(BusinessLogic logic, EventSink events, CommandResult result) {
            logic.defineSale(nowMs, saleId, startMs, endMs, limitPerCustomer, skus.clone(), skus.length, events, result);
        }

        @Override
        public int encode(CommandEncoder encoder, MutableDirectBuffer entry) {
            return encoder.defineSale(entry, saleId, startMs, endMs, limitPerCustomer, skus, skus.length);
        }

        @Override
        public String toString() {
            return "DefineSale[nowMs=" + nowMs + ", saleId=" + saleId + ", " + startMs + ".." + endMs
                + ", limit=" + limitPerCustomer + ", skus=" + Arrays.toString(skus) + "]";
        }
    }

    /** Lines are kept as arrays (the holder class is mutable); {@link #lines()} builds a fresh holder. */
    record PlaceOrder(long nowMs, long orderId, long customerId, long[] skus, int[] quantities, long[] pricesCents)
        implements StreamCommand {
        OrderLines lines() {
            final OrderLines lines = new OrderLines();
            for (int i = 0; i < skus.length; i++) {
                lines.add(skus[i], quantities[i], pricesCents[i]);
            }
            return lines;
        }

        int lineCount() {
            return skus.length;
        }

        /** What tells a retry from another order under the same id: the customer and the lines, in order. */
        String content() {
            return customerId + ":" + Arrays.toString(skus) + Arrays.toString(quantities) + Arrays.toString(pricesCents);
        }

        @Override
        public void applyTo(BusinessLogic logic, EventSink events, CommandResult result) {
            logic.placeOrder(nowMs, orderId, customerId, lines(), events, result);
        }

        @Override
        public int encode(CommandEncoder encoder, MutableDirectBuffer entry) {
            return encoder.placeOrder(entry, orderId, customerId, lines());
        }

        @Override
        public String toString() {
            return "PlaceOrder[nowMs=" + nowMs + ", orderId=" + orderId + ", customer=" + customerId
                + ", lines=" + lines() + "]";
        }
    }

    record ConfirmPayment(long nowMs, long orderId) implements StreamCommand {
        @Override
        public void applyTo(BusinessLogic logic, EventSink events, CommandResult result) {
            logic.confirmPayment(nowMs, orderId, events, result);
        }

        @Override
        public int encode(CommandEncoder encoder, MutableDirectBuffer entry) {
            return encoder.confirmPayment(entry, orderId);
        }
    }

    record CancelOrder(long nowMs, long orderId) implements StreamCommand {
        @Override
        public void applyTo(BusinessLogic logic, EventSink events, CommandResult result) {
            logic.cancelOrder(nowMs, orderId, events, result);
        }

        @Override
        public int encode(CommandEncoder encoder, MutableDirectBuffer entry) {
            return encoder.cancelOrder(entry, orderId);
        }
    }

    record Tick(long nowMs, int maxExpiries) implements StreamCommand {
        @Override
        public void applyTo(BusinessLogic logic, EventSink events, CommandResult result) {
            logic.tick(nowMs, maxExpiries, events, result);
        }

        @Override
        public int encode(CommandEncoder encoder, MutableDirectBuffer entry) {
            return encoder.tick(entry, maxExpiries);
        }
    }
}
