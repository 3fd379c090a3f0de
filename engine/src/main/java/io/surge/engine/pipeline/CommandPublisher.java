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
    private final ThreadLocal<ThreadEncoder> encoders =
        ThreadLocal.withInitial(() -> new ThreadEncoder(Thread.currentThread(), new CommandEncoder()));
    /**
     * The last publishing thread's encoder: most engines have one busy publisher (a gateway's
     * event loop, the demo), and a ThreadLocal lookup costs more than the encoding itself when
     * the thread's ThreadLocal table is crowded (Chronicle keeps many). The holder is immutable,
     * so a racing overwrite only sends the loser back to the ThreadLocal.
     */
    private ThreadEncoder recent = new ThreadEncoder(null, null);
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
            slot.commandEnd = encoder().placeOrder(slot.entry, orderId, customerId, lines);
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
            slot.commandEnd = encoder().confirmPayment(slot.entry, orderId);
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
            slot.commandEnd = encoder().cancelOrder(slot.entry, orderId);
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
            slot.commandEnd = writer.write(encoder(), slot.entry);
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
            slot.commandEnd = encoder().query(slot.entry, QueryKind.SNAPSHOT, 0);
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

    private CommandEncoder encoder() {
        final ThreadEncoder cached = recent;
        final Thread thread = Thread.currentThread();
        if (cached.thread == thread) {
            return cached.encoder;
        }
        final ThreadEncoder mine = encoders.get();
        recent = mine;
        return mine.encoder;
    }

    /** An encoder and the only thread that may use it. */
    private static final class ThreadEncoder {
        final Thread thread;
        final CommandEncoder encoder;

        ThreadEncoder(Thread thread, CommandEncoder encoder) {
            this.thread = thread;
            this.encoder = encoder;
        }
    }

    private CommandSlot begin(long sequence, ResultListener listener, long correlationId) {
        final CommandSlot slot = ring.get(sequence);
        slot.prepare(listener, correlationId);
        slot.publishedNanos = System.nanoTime();
        return slot;
    }
}
