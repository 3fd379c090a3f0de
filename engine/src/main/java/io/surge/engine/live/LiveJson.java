package io.surge.engine.live;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.surge.engine.domain.RejectReason;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link LiveSnapshot} as the JSON of {@code GET /stats/live} (README "Live dashboard"
 * lists every key). One line, ASCII only, so it fits in one Server-Sent Events {@code data:}
 * line as it is. Called a few times a second by the live reader: a streaming generator, no
 * reflection.
 */
final class LiveJson {
    private static final JsonFactory FACTORY = JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private LiveJson() {
    }

    static byte[] render(LiveSnapshot s) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        try (JsonGenerator json = FACTORY.createGenerator(bytes, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeNumberField("journalSequence", s.journalSequence());
            json.writeNumberField("engineTimeMs", s.engineTimeMs());
            json.writeNumberField("generatedAtMs", s.generatedAtMs());
            json.writeBooleanField("caughtUp", s.caughtUp());
            json.writeNumberField("gmvPaidCents", s.gmvPaidCents());
            json.writeNumberField("gmvReservedCents", s.gmvReservedCents());
            json.writeNumberField("ordersReserved", s.ordersReserved());
            json.writeNumberField("ordersRejected", s.ordersRejected());
            json.writeNumberField("ordersPaid", s.ordersPaid());
            json.writeNumberField("ordersCancelled", s.ordersCancelled());
            json.writeNumberField("ordersExpired", s.ordersExpired());
            json.writeNumberField("pendingReservations", s.pendingReservations());
            json.writeNumberField("pendingCents", s.pendingCents());
            json.writeObjectFieldStart("rejectedByReason");
            for (Map.Entry<RejectReason, Long> reason : s.rejectedByReason().entrySet()) {
                json.writeNumberField(reason.getKey().name(), reason.getValue());
            }
            json.writeEndObject();
            json.writeNumberField("ordersPerSecondNow", s.ordersPerSecondNow());
            json.writeNumberField("peakOrdersPerSecond", s.peakOrdersPerSecond());
            json.writeNumberField("ordersPerSecondEndMs", s.windowEndMs());
            json.writeArrayFieldStart("ordersPerSecond");
            for (int i = 0; i < s.windowSeconds(); i++) {
                json.writeNumber(s.ordersPerSecond(i));
            }
            json.writeEndArray();
            ranking(json, "topSkusByUnits", "sku", s.topSkusByUnits());
            ranking(json, "topSkusByGmv", "sku", s.topSkusByGmv());
            ranking(json, "topMerchantsByUnits", "merchantId", s.topMerchantsByUnits());
            ranking(json, "topMerchantsByGmv", "merchantId", s.topMerchantsByGmv());
            json.writeNumberField("sellOuts", s.sellOuts());
            json.writeNumberField("skusSoldOut", s.skusSoldOut());
            json.writeFieldName("firstSellOut");
            if (s.firstSellOut() == null) {
                json.writeNull();
            } else {
                sellOut(json, s.firstSellOut());
            }
            json.writeArrayFieldStart("recentSellOuts");
            for (SellOut sellOut : s.recentSellOuts()) {
                sellOut(json, sellOut);
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the live view", e); // in memory: does not happen
        }
        return bytes.toByteArray();
    }

    private static void ranking(JsonGenerator json, String name, String idName, List<Ranked> ranked) throws IOException {
        json.writeArrayFieldStart(name);
        for (Ranked entry : ranked) {
            json.writeStartObject();
            json.writeNumberField(idName, entry.id());
            if (entry.owner() != 0) {
                json.writeNumberField("merchantId", entry.owner());
            }
            json.writeNumberField("units", entry.units());
            json.writeNumberField("gmvCents", entry.gmvCents());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void sellOut(JsonGenerator json, SellOut sellOut) throws IOException {
        json.writeStartObject();
        json.writeNumberField("sku", sellOut.sku());
        json.writeNumberField("merchantId", sellOut.merchantId());
        json.writeNumberField("atMs", sellOut.atMs());
        json.writeNumberField("times", sellOut.times());
        json.writeEndObject();
    }
}
