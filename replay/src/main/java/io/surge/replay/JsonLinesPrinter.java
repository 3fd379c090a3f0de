package io.surge.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.List;

/**
 * JSON lines: one object per entry,
 * {@code {"sequence":7,"time":"2026-11-11T00:00:00.100+08:00","timeMs":1794326400100,
 * "command":{"type":"PlaceOrder","orderId":1,...},"events":[{"type":"OrderReserved",...}]}}.
 * Message fields keep their journal names and units: money in integer cents ({@code totalCents}),
 * times in epoch milliseconds ({@code expiresAtMs}). Streams through Jackson's generator.
 */
final class JsonLinesPrinter implements EntryPrinter, MessageFields.FieldSink {
    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
        .rootValueSeparator((String) null)
        .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
        .build();

    private final ConsoleOutput out;
    private final JsonGenerator json;
    private final TimeFormat times;

    JsonLinesPrinter(ConsoleOutput out, ZoneId zone) {
        this.out = out;
        this.times = new TimeFormat(zone);
        try {
            this.json = FACTORY.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void print(DecodedEntry entry) {
        try {
            json.writeStartObject();
            json.writeNumberField("sequence", entry.sequence());
            json.writeStringField("time", times.format(entry.engineTimeMs()));
            json.writeNumberField("timeMs", entry.engineTimeMs());
            json.writeFieldName("command");
            message(entry.command());
            json.writeArrayFieldStart("events");
            for (Message event : entry.events()) {
                message(event);
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void message(Message message) throws IOException {
        json.writeStartObject();
        json.writeStringField("type", message.type());
        MessageFields.describe(message, this);
        json.writeEndObject();
    }

    @Override
    public void number(String name, long value) {
        write(name, value);
    }

    @Override
    public void money(String name, long cents) {
        write(name, cents);
    }

    @Override
    public void time(String name, long epochMs) {
        write(name, epochMs);
    }

    private void write(String name, long value) {
        try {
            json.writeNumberField(name, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void text(String name, String value) {
        try {
            json.writeStringField(name, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void lines(String name, List<Message.Line> lines) {
        try {
            json.writeArrayFieldStart(name);
            for (Message.Line line : lines) {
                json.writeStartObject();
                json.writeNumberField("sku", line.sku());
                json.writeNumberField("quantity", line.quantity());
                json.writeNumberField("unitPriceCents", line.unitPriceCents());
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void skus(String name, List<Long> skus) {
        try {
            json.writeArrayFieldStart(name);
            for (long sku : skus) {
                json.writeNumber(sku);
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void flush() {
        try {
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    @Override
    public boolean outputClosed() {
        return out.broken();
    }

    @Override
    public void close() {
        flush();
    }
}
