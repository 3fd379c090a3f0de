package io.surge.bench.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TargetAddressTest {
    @Test
    void parsesTcpAndHttpTargetsAndDerivesTheAdminApi() {
        final TargetAddress tcp = TargetAddress.parse("tcp://127.0.0.1:7400");
        assertEquals(TargetAddress.Protocol.TCP, tcp.protocol());
        assertEquals("127.0.0.1", tcp.host());
        assertEquals(7400, tcp.port());
        assertEquals("http://127.0.0.1:7480", tcp.defaultAdmin().toString());

        final TargetAddress http = TargetAddress.parse("HTTP://localhost:17480/");
        assertEquals(TargetAddress.Protocol.HTTP, http.protocol());
        assertEquals("http://localhost:17480", http.defaultAdmin().toString());
        assertEquals("http://localhost:17480", http.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:7400", "udp://127.0.0.1:7400", "tcp://127.0.0.1", "tcp://127.0.0.1:0",
        "http://127.0.0.1:7480/orders", "tcp://:7400", "https://127.0.0.1:443", "tcp://a b:1"})
    void rejectsAnythingElseSayingWhatIsExpected(String text) {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TargetAddress.parse(text));
        assertTrue(e.getMessage().startsWith("expected tcp://HOST:PORT or http://HOST:PORT"), e.getMessage());
    }

    @Test
    void readsStringFieldsOfTheServersJson() {
        final String body = "{\"orderId\":1001,\"status\":\"REJECTED\",\"reason\":\"OUT_OF_STOCK\",\"sku\":42}";
        assertEquals("REJECTED", HttpResponseHandler.field(body, "status"));
        assertEquals("OUT_OF_STOCK", HttpResponseHandler.field(body, "reason"));
        assertEquals(null, HttpResponseHandler.field(body, "error"));
    }
}
