package io.surge.replay;

import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * CSV (RFC 4180 quoting, LF line ends): a header row, then one row per message, the command of
 * an entry first and its events after it. The columns are stable ({@link #COLUMNS}); fields a
 * message lacks are empty:
 * <ul>
 *   <li>{@code kind}: {@code command} or {@code event}; {@code type}: the message type;</li>
 *   <li>{@code sku}: the SKU the message names, or for orders the lines' SKUs separated by spaces;</li>
 *   <li>{@code amount}: decimal money: a total, a price, or an order's value (sum of its lines);</li>
 *   <li>{@code lines}: {@code sku:quantity:unitPrice} per order line, separated by spaces;</li>
 *   <li>{@code detail}: the message's other fields as {@code name=value}, separated by spaces.</li>
 * </ul>
 */
final class CsvPrinter implements EntryPrinter {
    static final List<String> COLUMNS = List.of("sequence", "time", "timeMs", "kind", "type", "orderId", "customerId",
        "sku", "merchantId", "amount", "reason", "lines", "detail");

    private final ConsoleOutput out;
    private final TimeFormat times;
    private final Row row = new Row();
    private boolean headerWritten;

    CsvPrinter(ConsoleOutput out, ZoneId zone) {
        this.out = out;
        this.times = new TimeFormat(zone);
    }

    @Override
    public void print(DecodedEntry entry) {
        writeHeaderOnce();
        final String time = times.format(entry.engineTimeMs());
        write(entry, time, "command", entry.command());
        for (Message event : entry.events()) {
            write(entry, time, "event", event);
        }
    }

    private void write(DecodedEntry entry, String time, String kind, Message message) {
        row.clear();
        MessageFields.describe(message, row);
        final StringBuilder line = new StringBuilder(128);
        line.append(entry.sequence()).append(',').append(time).append(',').append(entry.engineTimeMs()).append(',')
            .append(kind).append(',').append(message.type()).append(',')
            .append(row.orderId).append(',').append(row.customerId).append(',')
            .append(escape(String.join(" ", row.skus))).append(',').append(row.merchantId).append(',')
            .append(row.amount).append(',').append(escape(row.reason)).append(',')
            .append(escape(row.lines.toString())).append(',').append(escape(row.detail.toString())).append('\n');
        out.append(line);
    }

    /** A CSV field: quoted when it holds a comma, quote or line break, with quotes doubled. */
    static String escape(String field) {
        for (int i = 0; i < field.length(); i++) {
            final char c = field.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return '"' + field.replace("\"", "\"\"") + '"';
            }
        }
        return field;
    }

    private void writeHeaderOnce() {
        if (!headerWritten) {
            headerWritten = true;
            out.append(String.join(",", COLUMNS)).append('\n');
        }
    }

    @Override
    public void flush() {
        writeHeaderOnce();
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

    /** One message's fields sorted into the columns. */
    private final class Row implements MessageFields.FieldSink {
        String orderId;
        String customerId;
        final Set<String> skus = new LinkedHashSet<>();
        String merchantId;
        String amount;
        String reason;
        final StringBuilder lines = new StringBuilder();
        final StringBuilder detail = new StringBuilder();

        void clear() {
            orderId = "";
            customerId = "";
            skus.clear();
            merchantId = "";
            amount = "";
            reason = "";
            lines.setLength(0);
            detail.setLength(0);
        }

        @Override
        public void number(String name, long value) {
            switch (name) {
                case "orderId" -> orderId = Long.toString(value);
                case "customerId" -> customerId = Long.toString(value);
                case "merchantId" -> merchantId = Long.toString(value);
                case "sku" -> skus.add(Long.toString(value));
                default -> detail(name, Long.toString(value));
            }
        }

        @Override
        public void money(String name, long cents) {
            if (amount.isEmpty()) {
                amount = Formats.money(cents);
            } else {
                detail(MessageFields.label(name), Formats.money(cents));
            }
        }

        @Override
        public void time(String name, long epochMs) {
            detail(MessageFields.label(name), times.format(epochMs));
        }

        @Override
        public void text(String name, String value) {
            if ("reason".equals(name)) {
                reason = value;
            } else {
                detail(name, value);
            }
        }

        @Override
        public void lines(String name, List<Message.Line> orderLines) {
            for (Message.Line line : orderLines) {
                skus.add(Long.toString(line.sku()));
                if (lines.length() > 0) {
                    lines.append(' ');
                }
                lines.append(line.sku()).append(':').append(line.quantity()).append(':')
                    .append(Formats.money(line.unitPriceCents()));
            }
            if (amount.isEmpty()) {
                amount = Formats.money(MessageFields.valueCents(orderLines));
            }
        }

        @Override
        public void skus(String name, List<Long> values) {
            for (long sku : values) {
                skus.add(Long.toString(sku));
            }
        }

        private void detail(String name, String value) {
            if (detail.length() > 0) {
                detail.append(' ');
            }
            detail.append(name).append('=').append(value);
        }
    }
}
