package io.surge.engine;

import io.surge.engine.domain.CommandResult;
import io.surge.engine.domain.RejectReason;
import io.surge.engine.domain.Status;

/**
 * An immutable copy of a command's result, for the future-based API.
 *
 * @param status      what happened
 * @param reason      why it was rejected (REJECTED only)
 * @param lineIndex   the offending order line, or -1
 * @param sku         the offending SKU of a rejected order, or 0
 * @param orderId     the order (or SKU / sale id for admin commands)
 * @param expiresAtMs when a reservation expires (RESERVED only)
 * @param sequence    the journal sequence that recorded the command, or 0
 * @param failure     why nothing is promised (FAILED only)
 */
public record Outcome(
    Status status, RejectReason reason, int lineIndex, long sku, long orderId, long expiresAtMs, long sequence,
    String failure) {

    public static Outcome of(CommandResult result) {
        return new Outcome(result.status(), result.reason(), result.lineIndex(), result.sku(), result.orderId(),
            result.expiresAtMs(), result.sequence(), result.failure());
    }

    public boolean isRejected() {
        return status == Status.REJECTED;
    }
}
