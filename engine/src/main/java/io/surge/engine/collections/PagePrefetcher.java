package io.surge.engine.collections;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Zeroed off-heap pages made ready ahead, on a background thread, for {@link PagedRecords} that
 * grow a page at a time.
 * <p>
 * Why: the first write to fresh memory costs a page fault per 4 KB, and on a VM that is slow (a
 * 256 KB page of order records took about 1 ms here, most of it the kernel and the hypervisor
 * supplying memory). The journal tools re-execute a journal on one thread with the second core
 * mostly idle, and their order book grows by gigabytes: here a helper thread takes those faults
 * while the owner works ({@code verify} on a 12.3M-entry journal: median +21% in three pairs).
 * The engine does not use it: its other threads keep both cores busy, and closed-loop pairs
 * showed no gain; {@code capacity.preallocateOrders} moves the faults to start-up instead.
 * <p>
 * A page is handed over through a concurrent queue, which publishes it safely. {@link #take}
 * never waits: when no page of the size is ready, the caller allocates its own, as it would
 * without a prefetcher. Pages of each size asked for are kept {@code pagesAhead} deep.
 */
public final class PagePrefetcher implements AutoCloseable {
    /** Pages of each size kept ready by default: for order records 1 MB, a few milliseconds of reservations at peak. */
    public static final int DEFAULT_PAGES_AHEAD = 4;
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final int pagesAhead;
    private final ConcurrentMap<Integer, BlockingQueue<ByteBuffer>> readyBySize = new ConcurrentHashMap<>();
    private final Thread thread;
    private final AtomicLong handedOut = new AtomicLong();
    private volatile boolean closed;

    /**
     * Starts the helper thread (a daemon).
     *
     * @param pagesAhead pages of each size kept ready, at least 1
     */
    public PagePrefetcher(String threadName, int pagesAhead) {
        if (pagesAhead < 1) {
            throw new IllegalArgumentException("pagesAhead must be at least 1, was " + pagesAhead);
        }
        this.pagesAhead = pagesAhead;
        this.thread = new Thread(this::fill, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * A zeroed direct buffer of {@code bytes}, or null when none is ready or this is closed (the
     * caller allocates it). The first call for a size only starts keeping pages of that size ready.
     */
    public ByteBuffer take(int bytes) {
        if (closed) {
            return null;
        }
        final ByteBuffer page = readyBySize.computeIfAbsent(bytes, size -> new ArrayBlockingQueue<>(pagesAhead)).poll();
        LockSupport.unpark(thread);
        if (page != null) {
            handedOut.incrementAndGet();
        }
        return page;
    }

    /** Pages {@link #take} has handed out (rather than leaving the caller to allocate). */
    public long pagesHandedOut() {
        return handedOut.get();
    }

    /** Stops the helper thread; pages not taken are freed with this object. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void fill() {
        while (!closed) {
            boolean allocated = false;
            for (var sizeAndQueue : readyBySize.entrySet()) {
                final BlockingQueue<ByteBuffer> ready = sizeAndQueue.getValue();
                if (!closed && ready.remainingCapacity() > 0) {
                    try {
                        ready.offer(ByteBuffer.allocateDirect(sizeAndQueue.getKey()));
                        allocated = true;
                    } catch (OutOfMemoryError e) {
                        // Out of direct memory: stop asking (each refusal costs a full collection);
                        // the owner allocates its own pages from now on and meets the error itself.
                        return;
                    }
                }
            }
            if (!allocated) {
                LockSupport.parkNanos(this, IDLE_PARK_NANOS);
            }
        }
    }
}
