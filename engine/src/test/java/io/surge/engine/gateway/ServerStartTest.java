package io.surge.engine.gateway;

import io.surge.engine.EngineStartException;
import io.surge.engine.config.EngineConfig;
import io.surge.engine.config.GatewaySettings;
import io.surge.engine.config.SkuDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A server that cannot listen says on which address and setting, before touching its data directory. */
class ServerStartTest {
    @TempDir
    Path dataDir;

    @Test
    void aTakenPortIsNamedAndNothingIsSeeded() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            final EngineConfig config = EngineConfig.builder(dataDir.resolve("data"))
                .catalogue(List.of(new SkuDefinition(1, 1, 100, 10)))
                .gateway(GatewaySettings.DEFAULTS.withPorts(0, taken.getLocalPort()))
                .build();
            final EngineStartException failure = assertThrows(EngineStartException.class, () -> Server.start(config));
            assertTrue(failure.getMessage().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort() + " (gateway.http.port"),
                failure.getMessage());
            assertFalse(Files.exists(dataDir.resolve("data").resolve("journal")), "the engine started although it cannot serve");
        }
    }
}
