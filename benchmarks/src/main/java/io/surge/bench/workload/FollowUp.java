package io.surge.bench.workload;

/**
 * What the generator does with an order once it is RESERVED. Only {@code singles-day} asks for
 * anything but {@link #LEAVE}; a rejected order gets no follow-up whatever its decision.
 */
public enum FollowUp {
    /** Confirm the payment (the reserved units become sold). */
    PAY,
    /** Cancel the order (the units go back on the shelf). */
    CANCEL,
    /** Do nothing: the reservation expires on the server's timeout (15 min by default). */
    LEAVE
}
