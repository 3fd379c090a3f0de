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
import io.surge.engine.gateway.tcp.RawConnection.Wire;
import io.surge.engine.gateway.wire.ErrorResponseDecoder;
import io.surge.engine.gateway.wire.OrderResponseDecoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The TCP gateway over real sockets: every message, good and bad, and its limits. */
class TcpGatewayTest {
    private static final long PRICE = 19_900;

    @TempDir
    Path dataDir;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private Engine engine;
    private TcpGateway gateway;
    private int port;

    private void start(GatewaySettings settings) throws Exception {
        engine = Engine.start(EngineConfig.builder(dataDir).ringSize(1024).minFreeBytes(0).snapshotOnShutdown(false).build());
        for (long sku = 1; sku <= 10; sku++) {
            engine.defineSku(sku, 1, PRICE, 1_000_000).get();
        }
        gateway = new TcpGateway(engine, settings.withPorts(0, 0), group);
        port = gateway.start();
    }

    private void start() throws Exception {
        start(GatewaySettings.DEFAULTS);
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (engine != null) {
            engine.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private long journalSequence() throws Exception {
        return engine.stats().get().journalSequence();
    }

    @Test
    void answersEveryRequestOfABatchedFrameWithItsCorrelationId() throws Exception {
        start();
        try (RawConnection connection = new RawConnection(port)) {
            final List<byte[]> requests = new ArrayList<>();
            requests.add(Wire.hello(1));
            for (int i = 1; i <= 50; i++) {
                requests.add(Wire.place(1000 + i, i, 7, 1 + i % 10, 1, PRICE));
            }
            connection.sendFrame(Wire.concat(requests.toArray(new byte[0][])));
            final Set<Long> answered = new HashSet<>();
            while (answered.size() < 50) {
                for (Wire.Message message : Wire.parse(connection.readFrame())) {
                    if (message.templateId() == OrderResponseDecoder.TEMPLATE_ID) {
                        assertEquals(1, message.status(), "RESERVED");
                        assertTrue(answered.add(message.correlationId()));
                    }
                }
            }
            assertEquals(50, answered.stream().filter(id -> id > 1000 && id <= 1050).count());
        }
    }

    @Test
    void theFirstMessageMustBeHello() throws Exception {
        start();
        final long before = journalSequence();
        try (RawConnection connection = new RawConnection(port)) {
            connection.sendFrame(Wire.place(1, 1, 7, 1, 1, PRICE));
            final Wire.Message error = Wire.parse(connection.readFrame()).get(0);
            assertEquals(ErrorResponseDecoder.TEMPLATE_ID, error.templateId());
            assertEquals(WireError.HELLO_REQUIRED.code(), error.errorCode());
            assertTrue(connection.isClosedByServer());
        }
        assertEquals(before, journalSequence(), "nothing of a rejected frame is journaled");
    }

    @Test
    void aLaterHelloIsWelcomedAgainAndChangesNothing() throws Exception {
        start();
        final long before = journalSequence();
        try (RawConnection connection = new RawConnection(port)) {
            connection.hello();
            connection.hello(); // docs/protocol.md: answered with another Welcome
            connection.sendFrame(Wire.place(2001, 1, 7, 1, 1, PRICE));
            final Wire.Message answer = Wire.parse(connection.readFrame()).get(0);
            assertEquals(OrderResponseDecoder.TEMPLATE_ID, answer.templateId());
            assertEquals(2001, answer.correlationId()); // the connection still takes requests
        }
        assertEquals(before + 1, journalSequence(), "only the order is journaled");
    }

    @Test
    void refusesAnotherProtocolVersion() throws Exception {
        start();
        try (RawConnection connection = new RawConnection(port)) {
            connection.sendFrame(Wire.hello(2));
            final Wire.Message error = Wire.parse(connection.readFrame()).get(0);
            assertEquals(WireError.UNSUPPORTED_VERSION.code(), error.errorCode());
            assertTrue(error.text().contains("protocol version 2"), error.text());
            assertTrue(connection.isClosedByServer());
        }
    }

    @Test
    void aFrameOverTheLimitIsAnsweredAndClosed() throws Exception {
        start(new GatewaySettings("127.0.0.1", 0, 256, 16, 64, "127.0.0.1", 0, 1024, "", 50, 1));
        try (RawConnection connection = new RawConnection(port)) {
            connection.hello();
            connection.sendFrame(new byte[1_000]);
            final Wire.Message error = Wire.parse(connection.readFrame()).get(0);
            assertEquals(WireError.FRAME_TOO_LARGE.code(), error.errorCode());
            assertEquals("frame too large: at most 256 bytes", error.text(), "the text docs/protocol.md shows");
            assertTrue(connection.isClosedByServer());
        }
    }

    @Test
    void aMalformedFrameIsRejectedWholeAndNothingOfItIsJournaled() throws Exception {
        start();
        final long before = journalSequence();
        final byte[] good = Wire.place(1, 77, 7, 1, 1, PRICE);
        final byte[] cut = java.util.Arrays.copyOf(Wire.place(2, 78, 7, 1, 1, PRICE), 30);
        try (RawConnection connection = new RawConnection(port)) {
            connection.hello();
            connection.sendFrame(Wire.concat(good, cut));
            final Wire.Message error = Wire.parse(connection.readFrame()).get(0);
            assertEquals(WireError.MALFORMED_FRAME.code(), error.errorCode());
            assertEquals(0, error.correlationId());
            assertTrue(connection.isClosedByServer());
        }
        assertEquals(before, journalSequence(), "the good order before the bad message must not reach the engine");
        assertTrue(engine.order(77).get().isEmpty());
    }

    @Test
    void theErrorAnswerArrivesWhateverTheClientSentAfterTheBadFrame() throws Exception {
        // Bytes the server never reads would turn its close into a reset, which can cost the
        // client the error answer: the server reads them until the client closes.
        start();
        final byte[] cut = java.util.Arrays.copyOf(Wire.place(2, 78, 7, 1, 1, PRICE), 30);
        try (RawConnection connection = new RawConnection(port)) {
            connection.hello();
            connection.sendFrame(cut);
            // Still sending (empty frames) while the server answers and closes.
            final CompletableFuture<Void> more = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < 64; i++) {
                        connection.sendRaw(new byte[128 * 1024]);
                    }
                } catch (IOException e) {
                    // the server may close before all of it is sent
                }
            });
            final Wire.Message error = Wire.parse(connection.readFrame()).get(0);
            assertEquals(WireError.MALFORMED_FRAME.code(), error.errorCode());
            assertNull(connection.readFrame(), "the server ends the stream cleanly after the error");
            more.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aForeignSchemaOrUnknownMessageIsMalformed() throws Exception {
        start();
        final byte[] foreign = Wire.place(1, 1, 7, 1, 1, PRICE);
        foreign[4] = 0x11; // schema id
        final byte[] unknown = Wire.place(1, 1, 7, 1, 1, PRICE);
        unknown[2] = 99; // template id
        for (byte[] frame : List.of(foreign, unknown)) {
            try (RawConnection connection = new RawConnection(port)) {
                connection.hello();
                connection.sendFrame(frame);
                final Wire.Message error = Wire.parse(connection.readFrame()).get(0);
                assertTrue(error.errorCode() == WireError.MALFORMED_FRAME.code() || error.errorCode() == WireError.UNKNOWN_MESSAGE.code(),
                    error.toString());
                assertTrue(connection.isClosedByServer());
            }
        }
    }

    @Test
    void anInvalidValueIsAnsweredAndTheConnectionStaysOpen() throws Exception {
        start();
        final long before = journalSequence();
        try (SurgeClient client = SurgeClient.connect("127.0.0.1", port)) {
            final OrderResult zeroQuantity = client.placeOrder(1, 7, new OrderLines().add(1, 0, PRICE)).get();
            assertEquals(WireError.INVALID_REQUEST.code(), zeroQuantity.errorCode());
            assertTrue(zeroQuantity.error().contains("qty"), zeroQuantity.error());
            final OrderResult badId = client.placeOrder(-5, 7, new OrderLines().add(1, 1, PRICE)).get();
            assertTrue(badId.error().contains("orderId"), badId.error());
            final OrderResult badPay = client.confirmPayment(0).get();
            assertEquals(WireError.INVALID_REQUEST.code(), badPay.errorCode());
            assertEquals(before, journalSequence(), "invalid requests never reach the journal");
            assertEquals(OrderResult.Status.RESERVED, client.placeOrder(5, 7, new OrderLines().add(1, 1, PRICE)).get().status());
        }
    }

    @Test
    void refusesConnectionsBeyondTheLimit() throws Exception {
        start(new GatewaySettings("127.0.0.1", 0, 65_536, 2, 64, "127.0.0.1", 0, 1024, "", 50, 1));
        try (SurgeClient first = SurgeClient.connect("127.0.0.1", port);
             SurgeClient second = SurgeClient.connect("127.0.0.1", port);
             RawConnection third = new RawConnection(port)) {
            final Wire.Message error = Wire.parse(third.readFrame()).get(0);
            assertEquals(WireError.TOO_MANY_CONNECTIONS.code(), error.errorCode());
            assertTrue(third.isClosedByServer());
            assertEquals(OrderResult.Status.RESERVED, first.placeOrder(1, 7, new OrderLines().add(1, 1, PRICE)).get().status());
            assertEquals(OrderResult.Status.RESERVED, second.placeOrder(2, 7, new OrderLines().add(1, 1, PRICE)).get().status());
        }
    }

    @Test
    void requestsBeyondMaxInFlightAreAnsweredTooManyInFlightAndNotTaken() throws Exception {
        start(new GatewaySettings("127.0.0.1", 0, 65_536, 16, 4, "127.0.0.1", 0, 1024, "", 50, 1));
        final long before = journalSequence();
        try (RawConnection connection = new RawConnection(port)) {
            connection.hello();
            final List<byte[]> requests = new ArrayList<>();
            for (int i = 1; i <= 200; i++) {
                requests.add(Wire.place(i, i, 7, 1 + i % 10, 1, PRICE));
            }
            connection.sendFrame(Wire.concat(requests.toArray(new byte[0][])));
            final Set<Long> answered = new HashSet<>();
            int taken = 0;
            while (answered.size() < 200) {
                for (Wire.Message message : Wire.parse(connection.readFrame())) {
                    assertTrue(answered.add(message.correlationId()), "answered twice: " + message);
                    if (message.templateId() == OrderResponseDecoder.TEMPLATE_ID) {
                        taken++;
                    } else {
                        assertEquals(WireError.TOO_MANY_IN_FLIGHT.code(), message.errorCode(), message.toString());
                        assertTrue(message.text().contains("maxInFlight (4)"), message.text());
                    }
                }
            }
            assertTrue(taken >= 4 && taken < 200, "taken: " + taken);
            assertEquals(before + taken, journalSequence(), "only the requests taken are journaled");

            connection.sendFrame(Wire.place(201, 201, 7, 1, 1, PRICE)); // the connection stays open
            assertEquals(OrderResponseDecoder.TEMPLATE_ID, Wire.parse(connection.readFrame()).get(0).templateId());
        }
    }

    @Test
    void aClientThatNeverReadsIsNoLongerReadFrom() throws Exception {
        start(new GatewaySettings("127.0.0.1", 0, 65_536, 16, 256, "127.0.0.1", 0, 1024, "", 50, 1));
        final long before = journalSequence();
        final RawConnection connection = new RawConnection(port);
        connection.socket().setReceiveBufferSize(4096);
        connection.hello();
        final CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                for (long i = 1; ; i++) {
                    connection.sendFrame(Wire.place(i, i, 7, 1 + i % 10, 1, PRICE));
                }
            } catch (Exception e) {
                // the socket closes at the end of the test
            }
        });
        // The kernel's socket buffers (megabytes on loopback) absorb responses first; then the
        // server's outbound buffer passes its high-water mark and the server stops reading.
        long settled = journalSequence();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            final long now = journalSequence();
            if (now == settled) {
                break;
            }
            settled = now;
        }
        Thread.sleep(1_000);
        final long later = journalSequence();
        assertEquals(settled, later, "the server must stop taking requests from a client that does not read");
        assertTrue(later - before < 300_000, "bounded by in-flight, socket and outbound buffers, was " + (later - before));
        connection.close();
        writer.get(10, TimeUnit.SECONDS);
        assertTrue(journalSequence() >= later);
    }

    @Test
    void servesHundredsOfConcurrentConnections() throws Exception {
        start();
        final EventLoopGroup clients = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        final List<SurgeClient> connections = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                connections.add(SurgeClient.connect("127.0.0.1", port, clients));
            }
            final List<CompletableFuture<OrderResult>> results = new ArrayList<>();
            long orderId = 1;
            for (SurgeClient client : connections) {
                for (int i = 0; i < 5; i++) {
                    final long id = orderId++;
                    results.add(client.placeOrder(id, id, new OrderLines().add(1 + id % 10, 1, PRICE)));
                }
            }
            for (CompletableFuture<OrderResult> result : results) {
                assertEquals(OrderResult.Status.RESERVED, result.get(30, TimeUnit.SECONDS).status());
            }
            assertEquals(300, gateway.connections());
        } finally {
            connections.forEach(SurgeClient::close);
            clients.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void aClientThatHalfClosesAfterItsRequestsStillGetsEveryAnswer() throws Exception {
        start();
        try (RawConnection connection = new RawConnection(port)) {
            connection.hello();
            connection.sendFrame(Wire.concat(Wire.place(11, 9300, 7, 1, 1, PRICE), Wire.place(12, 9301, 7, 2, 1, PRICE)));
            connection.socket().shutdownOutput();
            final List<Wire.Message> answers = new ArrayList<>();
            byte[] frame;
            while ((frame = connection.readFrame()) != null) {
                answers.addAll(Wire.parse(frame));
            }
            assertEquals(2, answers.size(), answers.toString());
            assertEquals(Set.of(11L, 12L), Set.of(answers.get(0).correlationId(), answers.get(1).correlationId()));
        }
        assertTrue(engine.order(9300).get().isPresent());
        assertTrue(engine.order(9301).get().isPresent());
    }

    @Test
    void anEmptyFrameIsMalformed() throws Exception {
        start();
        try (RawConnection connection = new RawConnection(port)) {
            connection.hello();
            connection.sendRaw(new byte[] {0, 0, 0, 0});
            final Wire.Message error = Wire.parse(connection.readFrame()).get(0);
            assertEquals(WireError.MALFORMED_FRAME.code(), error.errorCode());
            assertTrue(error.text().contains("frame length 0"), error.text());
            assertTrue(connection.isClosedByServer());
        }
    }

    @Test
    void pingIsAnsweredWithPong() throws Exception {
        start();
        try (SurgeClient client = SurgeClient.connect("127.0.0.1", port)) {
            assertEquals("pong", client.ping().get(10, TimeUnit.SECONDS).error());
        }
    }

    /** Frames of every kind of wrong: random bytes, cut messages, broken headers, bad values. */
    @Test
    void survivesAHundredThousandFuzzedFramesAndJournalsNothingInvalid() throws Exception {
        start();
        final long seed = System.nanoTime();
        final java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        final long before = journalSequence();
        int frames = 0;
        // Frame-level damage closes the connection: a few thousand connections.
        for (int i = 0; i < 3_000; i++, frames++) {
            try (RawConnection connection = new RawConnection(port)) {
                connection.hello();
                connection.sendFrame(brokenFrame(random));
                final List<Wire.Message> answer = Wire.parse(connection.readFrame());
                assertTrue(!answer.isEmpty() && answer.get(0).templateId() == ErrorResponseDecoder.TEMPLATE_ID,
                    "seed " + seed + ": a broken frame must be answered with an error, got " + answer);
                assertTrue(connection.isClosedByServer(), "seed " + seed);
            }
        }
        // Value-level damage keeps the connection: the rest in batches.
        try (RawConnection connection = new RawConnection(port)) {
            connection.hello();
            int errors = 0;
            while (frames < 100_000) {
                final List<byte[]> batch = new ArrayList<>();
                for (int i = 0; i < 100 && frames < 100_000; i++, frames++) {
                    batch.add(invalidRequest(random, frames));
                }
                connection.sendFrame(Wire.concat(batch.toArray(new byte[0][])));
                int answered = 0;
                while (answered < batch.size()) {
                    for (Wire.Message message : Wire.parse(connection.readFrame())) {
                        assertEquals(WireError.INVALID_REQUEST.code(), message.errorCode(), "seed " + seed + ": " + message);
                        answered++;
                        errors++;
                    }
                }
            }
            assertTrue(errors > 90_000);
        }
        assertEquals(before, journalSequence(), "seed " + seed + ": nothing invalid may reach the journal");
        try (SurgeClient client = SurgeClient.connect("127.0.0.1", port)) {
            assertEquals(OrderResult.Status.RESERVED, client.placeOrder(1, 7, new OrderLines().add(1, 1, PRICE)).get().status(),
                "the server still works after the fuzzing");
        }
    }

    private static byte[] brokenFrame(java.util.SplittableRandom random) {
        final byte[] valid = Wire.place(1, 1, 7, 1, 1, PRICE);
        return switch (random.nextInt(5)) {
            case 0 -> randomBytes(random, 1 + random.nextInt(7));                           // shorter than a header
            case 1 -> java.util.Arrays.copyOf(valid, 8 + random.nextInt(valid.length - 8));  // cut message
            case 2 -> {                                                                        // wrong schema id
                final byte[] frame = valid.clone();
                frame[4] = (byte) (frame[4] ^ (1 + random.nextInt(255)));
                yield frame;
            }
            case 3 -> {                                                                        // unknown template id
                final byte[] frame = valid.clone();
                frame[2] = (byte) (30 + random.nextInt(200));
                yield frame;
            }
            default -> {                                                                       // impossible line count
                final byte[] frame = valid.clone();
                ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).putShort(8 + 24 + 2, (short) (2 + random.nextInt(1000)));
                yield frame;
            }
        };
    }

    /** A well-formed request with a value out of range. */
    private static byte[] invalidRequest(java.util.SplittableRandom random, long n) {
        return switch (random.nextInt(5)) {
            case 0 -> Wire.place(n + 1, 1 + n, 7, 1, 0, PRICE);                      // quantity 0
            case 1 -> Wire.place(n + 1, 1 + n, 7, 1, 10_001 + random.nextInt(1000), PRICE); // quantity too big
            case 2 -> Wire.place(n + 1, -random.nextLong(1, Long.MAX_VALUE), 7, 1, 1, PRICE); // order id not positive
            case 3 -> Wire.place(n + 1, 1 + n, 0, 1, 1, PRICE);                      // customer 0
            default -> Wire.place(n + 1, 1 + n, 7, -1 - random.nextInt(100), 1, PRICE); // SKU not positive
        };
    }

    private static byte[] randomBytes(java.util.SplittableRandom random, int length) {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }
}
