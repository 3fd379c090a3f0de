package io.surge.engine.gateway.tcp;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.surge.client.OrderResult;
import io.surge.client.SurgeClient;
import io.surge.engine.Engine;
import io.surge.engine.config.EngineConfig;
import io.surge.engine.config.GatewaySettings;
import io.surge.engine.domain.OrderLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TcpGatewaySmokeTest {
    @TempDir
    Path dataDir;

    @Test
    void placesAndPaysOverTcp() throws Exception {
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (Engine engine = Engine.start(EngineConfig.builder(dataDir).ringSize(1024).minFreeBytes(0).snapshotOnShutdown(false).build());
             TcpGateway gateway = new TcpGateway(engine, GatewaySettings.DEFAULTS.withPorts(0, 0), group)) {
            engine.defineSku(42, 1, 19_900, 10).get();
            final int port = gateway.start();
            try (SurgeClient client = SurgeClient.connect("127.0.0.1", port)) {
                final OrderResult reserved = client.placeOrder(1001, 7, new OrderLines().add(42, 2, 19_900)).get();
                assertEquals(OrderResult.Status.RESERVED, reserved.status(), reserved.toString());
                assertEquals(OrderResult.Status.PAID, client.confirmPayment(1001).get().status());
                final OrderResult bad = client.placeOrder(1002, 7, new OrderLines().add(42, 0, 19_900)).get();
                assertEquals(OrderResult.Status.ERROR, bad.status());
                assertEquals(6, bad.errorCode(), bad.toString());
            }
        } finally {
            group.shutdownGracefully().syncUninterruptibly();
        }
    }
}
