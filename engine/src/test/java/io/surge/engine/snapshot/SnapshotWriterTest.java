package io.surge.engine.snapshot;

import io.surge.engine.domain.BusinessLogic;
import io.surge.engine.domain.CommandResult;
import io.surge.engine.domain.EventSink;
import io.surge.engine.domain.NoOpEventSink;
import io.surge.engine.domain.OrderLines;
import io.surge.engine.domain.StateOutput;
import io.surge.engine.domain.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotWriterTest {
    @TempDir
    Path dir;

    @Test
    void aSnapshotHashedOffTheBusinessLogicThreadLoadsWithTheStateHash() throws Exception {
        final BusinessLogic logic = shopWithOrders(5_000);
        final SnapshotStore store = new SnapshotStore(dir, 3);
        try (SnapshotWriter writer = new SnapshotWriter(store)) {
            assertNull(writer.capture(logic));
            final CompletableFuture<SnapshotInfo> written = new CompletableFuture<>();
            writer.submit(0, written::complete);

            final SnapshotInfo info = written.get(30, TimeUnit.SECONDS);
            assertNotNull(info, "the snapshot was not written");
            assertEquals(logic.stateHash(), info.stateHash());
            final LoadedSnapshot loaded = store.load(info.file()); // loading checks the recorded hash too
            assertEquals(logic.stateHash(), loaded.logic().stateHash());
        }
    }

    @Test
    void theBufferGrowsAheadOfTheStateInTheBackground() throws Exception {
        final BusinessLogic logic = shopWithOrders(20_000);
        try (SnapshotWriter writer = new SnapshotWriter(new SnapshotStore(dir, 3))) {
            final long needed = 64L << 20;
            writer.reserveAhead(needed);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (writer.reservedBytes() < needed && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(writer.reservedBytes() >= needed + needed / 2, "reserved " + writer.reservedBytes());

            final long reserved = writer.reservedBytes();
            writer.reserveAhead(needed); // room enough already: nothing to do
            assertNull(writer.capture(logic), "a capture was declined after the buffer had grown");
            writer.abandon();
            assertEquals(reserved, writer.reservedBytes());
        }
    }

    @Test
    void aCaptureWhileOneIsInFlightIsDeclined() {
        final BusinessLogic logic = shopWithOrders(10);
        try (SnapshotWriter writer = new SnapshotWriter(new SnapshotStore(dir, 3))) {
            assertNull(writer.capture(logic));
            assertEquals(SnapshotWriter.BUSY, writer.capture(logic));
            writer.abandon();
            assertNull(writer.capture(logic));
        }
    }

    @Test
    void aBufferThatCannotGetMemoryDeclinesTheCaptureAndTheNextOneWorks() throws Exception {
        final BusinessLogic logic = shopWithOrders(2_000);
        final AtomicBoolean refuse = new AtomicBoolean(false);
        final StateOutput output = new StateOutput(4096, bytes -> {
            if (refuse.get()) {
                throw new OutOfMemoryError("Cannot reserve 4096 bytes of direct buffer memory");
            }
            return ByteBuffer.allocateDirect(bytes);
        });
        refuse.set(true); // the first chunk is allocated up front; the rest are refused
        try (SnapshotWriter writer = new SnapshotWriter(new SnapshotStore(dir, 3), output)) {
            final String declined = writer.capture(logic);
            assertNotNull(declined);
            assertTrue(declined.startsWith("no memory for the snapshot buffer (Cannot reserve"), declined);

            writer.reserveAhead(1 << 20); // refused too: never asked again
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (SnapshotWriter.BUSY.equals(writer.capture(logic)) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            refuse.set(false);
            writer.reserveAhead(1 << 20);
            assertEquals(4096, writer.reservedBytes(), "the buffer grew ahead after a refusal");

            assertNull(writer.capture(logic));
            final CompletableFuture<SnapshotInfo> written = new CompletableFuture<>();
            writer.submit(0, written::complete);
            assertEquals(logic.stateHash(), written.get(30, TimeUnit.SECONDS).stateHash());
        }
    }

    private static BusinessLogic shopWithOrders(int orders) {
        final BusinessLogic logic = new BusinessLogic();
        final EventSink events = new NoOpEventSink();
        final CommandResult result = new CommandResult();
        logic.defineSku(0, 42, 1, 100, 1_000_000, events, result.reset());
        for (long orderId = 1; orderId <= orders; orderId++) {
            logic.placeOrder(1, orderId, orderId % 97 + 1, new OrderLines().add(42, 1 + (int) (orderId % 3), 100), events, result.reset());
            assertEquals(Status.RESERVED, result.status(), result.toString());
        }
        return logic;
    }
}
