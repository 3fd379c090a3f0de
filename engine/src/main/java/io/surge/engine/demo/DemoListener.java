package io.surge.engine.demo;

import io.surge.engine.domain.CommandResult;
import io.surge.engine.domain.Status;
import io.surge.engine.pipeline.ResultListener;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;

/**
 * Hears the demo's order outcomes on the engine's journal thread. Counts them for the progress
 * line and hands each reservation that its shopper will pay or cancel to the order generator
 * through a one-to-one ring buffer (never blocking the journal thread: if the buffer is full,
 * that reservation simply expires).
 */
final class DemoListener implements ResultListener {
    static final long PAY = 1;
    static final long CANCEL = 2;
    static final long ABANDON = 3;
    static final long RETRY = 4;

    final OneToOneRingBuffer followUps = new OneToOneRingBuffer(
        new UnsafeBuffer(ByteBuffer.allocateDirect((1 << 21) + RingBufferDescriptor.TRAILER_LENGTH)));
    private volatile long answered;
    private volatile long reserved;
    private volatile long rejected;
    private volatile long failed;
    private long dropped;

    @Override
    public void onResult(long fate, CommandResult result) {
        final Status status = result.status();
        if (fate != RETRY) {
            if (status == Status.RESERVED) {
                reserved = reserved + 1;
                if (fate == PAY || fate == CANCEL) {
                    followUp((int) fate, result.orderId());
                }
            } else if (status == Status.REJECTED) {
                rejected = rejected + 1;
            } else {
                failed = failed + 1;
            }
        }
        answered = answered + 1;
    }

    private void followUp(int fate, long orderId) {
        final int index = followUps.tryClaim(fate, Long.BYTES);
        if (index > 0) {
            followUps.buffer().putLong(index, orderId);
            followUps.commit(index);
        } else {
            dropped++;
        }
    }

    long answered() {
        return answered;
    }

    long reserved() {
        return reserved;
    }

    long rejected() {
        return rejected;
    }

    long failed() {
        return failed;
    }
}
