package io.surge.bench.load;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded single-producer single-consumer queue of longs: the network thread (producer) hands
 * the sender thread (consumer) the orders to pay or cancel. Lock-free, allocation-free. Each
 * connection's callbacks all run on its one event-loop thread, hence one producer.
 */
final class FollowUpQueue {
    private final long[] slots;
    private final int mask;
    private final AtomicLong head = new AtomicLong(); // next to take; written by the consumer
    private final AtomicLong tail = new AtomicLong(); // next to fill; written by the producer

    FollowUpQueue(int capacityPowerOfTwo) {
        if (Integer.bitCount(capacityPowerOfTwo) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two, not " + capacityPowerOfTwo);
        }
        this.slots = new long[capacityPowerOfTwo];
        this.mask = capacityPowerOfTwo - 1;
    }

    /** Producer: adds a value; false when full. */
    boolean offer(long value) {
        final long at = tail.get();
        if (at - head.get() >= slots.length) {
            return false;
        }
        slots[(int) at & mask] = value;
        tail.lazySet(at + 1); // publishes the slot
        return true;
    }

    /** Consumer: whether there is anything to take. */
    boolean isEmpty() {
        return head.get() == tail.get();
    }

    /** Consumer: takes the oldest value; call only when not {@link #isEmpty()}. */
    long take() {
        final long at = head.get();
        final long value = slots[(int) at & mask];
        head.lazySet(at + 1);
        return value;
    }
}
