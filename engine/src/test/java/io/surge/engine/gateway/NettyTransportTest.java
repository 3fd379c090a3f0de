package io.surge.engine.gateway;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.surge.client.OrderResult;
import io.surge.client.SurgeClient;
import io.surge.engine.config.EngineConfig;
import io.surge.engine.config.GatewaySettings;
import io.surge.engine.config.SkuDefinition;
import io.surge.engine.domain.OrderLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The server runs on either socket transport; the gateways and the client follow their event loops'. */
class NettyTransportTest {
    @TempDir
    Path dataDir;

    @Test
    void autoIsEpollWhereItsNativeLibraryLoads() {
        final boolean linuxX64 = System.getProperty("os.name").equals("Linux")
            && System.getProperty("os.arch").equals("amd64");
        assumeTrue(linuxX64, "Netty's epoll library is shipped for Linux on x86-64 only");
        assertTrue(Epoll.isAvailable(), () -> "epoll does not load: " + Epoll.unavailabilityCause());
        assertEquals(NettyTransport.EPOLL, NettyTransport.fromConfigName("auto"));
        assertNull(NettyTransport.EPOLL.unavailableReason());
    }

    @Test
    void namesMapToTransports() {
        assertEquals(NettyTransport.EPOLL, NettyTransport.fromConfigName("epoll"));
        assertEquals(NettyTransport.NIO, NettyTransport.fromConfigName("nio"));
        assertEquals(NettyTransport.best(), NettyTransport.fromConfigName("auto"));
        assertNull(NettyTransport.fromConfigName("io_uring"));
        assertNull(NettyTransport.NIO.unavailableReason());
    }

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    void aGroupTellsItsTransport(NettyTransport transport) {
        assumeTrue(transport.unavailableReason() == null, transport + " cannot load here");
        final EventLoopGroup group = transport.newGroup(1);
        try {
            assertEquals(transport, NettyTransport.of(group));
        } finally {
            group.shutdownGracefully().syncUninterruptibly();
        }
    }

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    void aServerOnEachTransportAnswersOverTcpAndHttp(NettyTransport transport) throws Exception {
        assumeTrue(transport.unavailableReason() == null, transport + " cannot load here");
        final EngineConfig config = EngineConfig.builder(dataDir)
            .catalogue(List.of(new SkuDefinition(42, 1, 19_900, 10)))
            .minFreeBytes(0)
            .snapshotOnShutdown(false)
            .gateway(GatewaySettings.DEFAULTS.withPorts(0, 0).withTransport(transport))
            .build();
        try (Server server = Server.start(config);
             SurgeClient client = SurgeClient.connect("127.0.0.1", server.tcpPort())) {
            final OrderResult reserved = client.placeOrder(1001, 7, new OrderLines().add(42, 2, 19_900)).get();
            assertEquals(OrderResult.Status.RESERVED, reserved.status(), reserved.toString());
            final HttpResponse<String> sku = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + "/skus/42")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, sku.statusCode());
            assertTrue(sku.body().contains("\"available\":8"), sku.body());
        }
    }
}
