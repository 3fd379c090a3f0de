package io.surge.engine;

import io.surge.engine.config.EngineConfig;
import io.surge.engine.domain.OrderLines;
import io.surge.engine.domain.RejectReason;
import io.surge.engine.domain.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineSmokeTest {
    @TempDir
    Path dataDir;

    @Test
    void reservesPaysAndRecoversTheSameState() throws Exception {
        final EngineConfig config = EngineConfig.builder(dataDir).ringSize(1024).minFreeBytes(0).build();
        final long hash;
        try (Engine engine = Engine.start(config)) {
            assertEquals(Status.ACCEPTED, engine.defineSku(42, 1, 19900, 10).get().status());
            final Outcome reserved = engine.placeOrder(1001, 7, new OrderLines().add(42, 2, 19900)).get();
            assertEquals(Status.RESERVED, reserved.status(), reserved.toString());
            final Outcome rejected = engine.placeOrder(1002, 7, new OrderLines().add(42, 20, 19900)).get();
            assertEquals(RejectReason.OUT_OF_STOCK, rejected.reason());
            assertEquals(Status.PAID, engine.confirmPayment(1001).get().status());
            final SkuView sku = engine.sku(42).get().orElseThrow();
            assertEquals(8, sku.available());
            assertEquals(2, sku.sold());
            hash = engine.stateHash().get();
        }
        try (Engine engine = Engine.start(config)) {
            assertEquals(hash, engine.stateHash().get());
            assertTrue(engine.recovery().snapshot() != null, "restart should use the shutdown snapshot");
        }
    }
}
