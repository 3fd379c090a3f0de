package io.surge.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    private static final SerializedString SEQUENCE = new SerializedString("sequence");
    private static final SerializedString TIME = new SerializedString("time");
    private static final SerializedString TIME_MS = new SerializedString("timeMs");
    private static final SerializedString COMMAND = new SerializedString("command");
    private static final SerializedString EVENTS = new SerializedString("events");
    private static final SerializedString TYPE = new SerializedString("type");
    private static final SerializedString SKU = new SerializedString("sku");
    private static final SerializedString QUANTITY = new SerializedString("quantity");
    private static final SerializedString UNIT_PRICE_CENTS = new SerializedString("unitPriceCents");
    private static final int MAX_NAMES = 1024;
    private static final ClassValue<SerializedString> TYPE_NAMES = new ClassValue<>() {
        @Override
        protected SerializedString computeValue(Class<?> type) {
            return new SerializedString(type.getSimpleName());
        }
    };

    private final ConsoleOutput out;
    private final JsonGenerator json;
    private final TimeFormat times;
    /** Field names and type names escaped once, not per entry (that was most of the time). */
    private final Map<String, SerializedString> names = new HashMap<>();

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
            json.writeFieldName(SEQUENCE);
            json.writeNumber(entry.sequence());
            json.writeFieldName(TIME);
            json.writeString(times.format(entry.engineTimeMs()));
            json.writeFieldName(TIME_MS);
            json.writeNumber(entry.engineTimeMs());
            json.writeFieldName(COMMAND);
            message(entry.command());
            json.writeFieldName(EVENTS);
            json.writeStartArray();
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
        json.writeFieldName(TYPE);
        json.writeString(TYPE_NAMES.get(message.getClass()));
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
            json.writeFieldName(name(name));
            json.writeNumber(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void text(String name, String value) {
        try {
            json.writeFieldName(name(name));
            json.writeString(names.size() < MAX_NAMES ? name(value) : new SerializedString(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void lines(String name, List<Message.Line> lines) {
        try {
            json.writeFieldName(name(name));
            json.writeStartArray();
            for (Message.Line line : lines) {
                json.writeStartObject();
                json.writeFieldName(SKU);
                json.writeNumber(line.sku());
                json.writeFieldName(QUANTITY);
                json.writeNumber(line.quantity());
                json.writeFieldName(UNIT_PRICE_CENTS);
                json.writeNumber(line.unitPriceCents());
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
            json.writeFieldName(name(name));
            json.writeStartArray();
            for (long sku : skus) {
                json.writeNumber(sku);
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A field name (or a text value from a small set: reasons) as pre-escaped JSON. */
    private SerializedString name(String text) {
        SerializedString serialized = names.get(text);
        if (serialized == null) {
            serialized = new SerializedString(text);
            names.put(text, serialized);
        }
        return serialized;
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
