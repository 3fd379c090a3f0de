package io.surge.engine.pipeline;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import io.surge.engine.codec.CommandEncoder;
import io.surge.engine.codec.QueryKind;
import io.surge.engine.domain.OrderLines;

/**
 * Puts commands on the ring. Thread-safe: any number of threads may publish (each gets its own
 * encoder). Order, payment and cancel publishing allocates nothing.
 * <p>
 * Each method either blocks while the ring is full ({@code block = true}) or returns false at
 * once, for callers that apply back-pressure themselves (network gateways).
 */
public final class CommandPublisher {
    private final RingBuffer<CommandSlot> ring;
    private final EngineHealth health;
    private final ThreadLocal<CommandEncoder> encoders = ThreadLocal.withInitial(CommandEncoder::new);
    private volatile boolean accepting = true;

    CommandPublisher(RingBuffer<CommandSlot> ring, EngineHealth health) {
        this.ring = ring;
        this.health = health;
    }

    public boolean placeOrder(
        long orderId, long customerId, OrderLines lines, ResultListener listener, long correlationId, boolean block) {
        final long sequence = claim(block);
        if (sequence < 0) {
            return false;
        }
        final CommandSlot slot = begin(sequence, listener, correlationId);
        try {
            encoders.get().placeOrder(slot.entry, orderId, customerId, lines);
            slot.encoded = true;
        } finally {
            ring.publish(sequence);
        }
        return true;
    }

    public boolean confirmPayment(long orderId, ResultListener listener, long correlationId, boolean block) {
        final long sequence = claim(block);
        if (sequence < 0) {
            return false;
        }
        final CommandSlot slot = begin(sequence, listener, correlationId);
        try {
            encoders.get().confirmPayment(slot.entry, orderId);
            slot.encoded = true;
        } finally {
            ring.publish(sequence);
        }
        return true;
    }

    public boolean cancelOrder(long orderId, ResultListener listener, long correlationId, boolean block) {
        final long sequence = claim(block);
        if (sequence < 0) {
            return false;
        }
        final CommandSlot slot = begin(sequence, listener, correlationId);
        try {
            encoders.get().cancelOrder(slot.entry, orderId);
            slot.encoded = true;
        } finally {
            ring.publish(sequence);
        }
        return true;
    }

    /** Any other command (admin, tick, configure, queries). */
    public boolean publish(CommandWriter writer, ResultListener listener, long correlationId, boolean block) {
        final long sequence = claim(block);
        if (sequence < 0) {
            return false;
        }
        final CommandSlot slot = begin(sequence, listener, correlationId);
        try {
            writer.write(encoders.get(), slot.entry);
            slot.encoded = true;
        } finally {
            ring.publish(sequence);
        }
        return true;
    }

    /** Asks for a snapshot; the listener hears once the file is written (or why it was not). */
    public boolean requestSnapshot(ResultListener listener, long correlationId, boolean block) {
        final long sequence = claim(block);
        if (sequence < 0) {
            return false;
        }
        final CommandSlot slot = begin(sequence, listener, correlationId);
        try {
            slot.isSnapshotRequest = true;
            encoders.get().query(slot.entry, QueryKind.SNAPSHOT, 0);
            slot.encoded = true;
        } finally {
            ring.publish(sequence);
        }
        return true;
    }

    /** Commands waiting in the ring (published, not yet answered). */
    public long backlog() {
        return ring.getBufferSize() - ring.remainingCapacity();
    }

    public int capacity() {
        return ring.getBufferSize();
    }

    void stopAccepting() {
        accepting = false;
    }

    private long claim(boolean block) {
        if (!accepting) {
            throw new EngineUnavailableException("the engine is shutting down");
        }
        if (health.isHalted()) {
            throw new EngineUnavailableException("the engine has halted: " + health.haltReason());
        }
        if (block) {
            return ring.next();
        }
        try {
            return ring.tryNext();
        } catch (InsufficientCapacityException e) {
            return -1;
        }
    }

    private CommandSlot begin(long sequence, ResultListener listener, long correlationId) {
        final CommandSlot slot = ring.get(sequence);
        slot.prepare(listener, correlationId);
        slot.publishedNanos = System.nanoTime();
        return slot;
    }
}
