package io.surge.replay;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A readable table, one row per entry: {@code SEQ TIME COMMAND ORDER CUSTOMER AMOUNT DETAILS}.
 * ORDER and CUSTOMER come from the command (or, when it names none, from its events if they
 * name just one); AMOUNT is the sum of the entry's order totals (reserved, paid, cancelled,
 * expired), as a decimal; DETAILS holds the command's other fields, then {@code ->} and a
 * compact summary of the events (types with counts when there are more than
 * {@value #EVENTS_LISTED}). Columns are sized on the first {@value #SIZING_ROWS} rows and widen
 * for a longer value later; numbers and money are right-aligned, times have a fixed width.
 */
final class TablePrinter implements EntryPrinter {
    static final List<String> HEADER = List.of("SEQ", "TIME", "COMMAND", "ORDER", "CUSTOMER", "AMOUNT", "DETAILS");
    private static final boolean[] RIGHT_ALIGNED = {true, false, false, true, true, true, false};
    /**
     * Room for the values a long journal holds (ten-digit sequences, twelve-digit ids, a tick that
     * expires millions of money), so that a larger value after the sizing rows seldom widens a
     * column and shifts the rest of the table.
     */
    private static final int[] MIN_WIDTHS = {10, 0, 14, 12, 10, 14, 0};
    private static final int SIZING_ROWS = 256;
    private static final int EVENTS_LISTED = 4;
    private static final String GAP = "  ";

    private final ConsoleOutput out;
    private final TimeFormat times;
    private final int[] widths = new int[HEADER.size()];
    private final List<String[]> heldBack = new ArrayList<>();
    private final Fields fields = new Fields();
    private boolean sized;

    TablePrinter(ConsoleOutput out, ZoneId zone) {
        this.out = out;
        this.times = new TimeFormat(zone);
        for (int column = 0; column < widths.length; column++) {
            widths[column] = Math.max(HEADER.get(column).length(), MIN_WIDTHS[column]);
        }
        widths[1] = Math.max(widths[1], times.format(0).length());
    }

    @Override
    public void print(DecodedEntry entry) {
        final String[] row = row(entry);
        if (sized) {
            write(row);
            return;
        }
        heldBack.add(row);
        if (heldBack.size() >= SIZING_ROWS) {
            writeHeldBack();
        }
    }

    private String[] row(DecodedEntry entry) {
        fields.clear(true);
        MessageFields.describe(entry.command(), fields);
        long orderId = fields.orderId;
        long customerId = fields.customerId;
        final StringBuilder details = new StringBuilder(fields.text);
        long amountCents = 0;
        boolean hasAmount = false;
        long eventOrderId = 0;
        boolean oneEventOrder = true;
        for (Message event : entry.events()) {
            fields.clear(false);
            MessageFields.describe(event, fields);
            if (fields.orderId != 0) {
                oneEventOrder &= eventOrderId == 0 || eventOrderId == fields.orderId;
                eventOrderId = fields.orderId;
            }
            if (customerId == 0) {
                customerId = fields.customerId;
            }
            if (fields.hasTotal) {
                amountCents += fields.totalCents;
                hasAmount = true;
            }
        }
        if (orderId == 0 && oneEventOrder) {
            orderId = eventOrderId;
        }
        if (!entry.events().isEmpty()) {
            details.append(details.length() > 0 ? " -> " : "-> ").append(summary(entry.events(), orderId, customerId));
        }
        return new String[] {
            Long.toString(entry.sequence()),
            times.format(entry.engineTimeMs()),
            entry.command().type(),
            orderId == 0 ? "" : Long.toString(orderId),
            customerId == 0 ? "" : Long.toString(customerId),
            hasAmount ? Formats.money(amountCents) : "",
            details.toString(),
        };
    }

    /** Each event with its fields (leaving out what the row's columns already show), or counts by type. */
    private String summary(List<Message> events, long rowOrderId, long rowCustomerId) {
        final StringBuilder summary = new StringBuilder();
        if (events.size() > EVENTS_LISTED) {
            final Map<String, Integer> counts = new LinkedHashMap<>();
            for (Message event : events) {
                counts.merge(event.type(), 1, Integer::sum);
            }
            counts.forEach((type, count) -> summary.append(summary.length() > 0 ? "; " : "").append(type)
                .append(" x").append(count));
            return summary.toString();
        }
        for (Message event : events) {
            fields.clear(false);
            fields.hideOrderId = rowOrderId;
            fields.hideCustomerId = rowCustomerId;
            MessageFields.describe(event, fields);
            summary.append(summary.length() > 0 ? "; " : "").append(event.type());
            if (fields.text.length() > 0) {
                summary.append(' ').append(fields.text);
            }
        }
        return summary.toString();
    }

    private void writeHeldBack() {
        for (String[] row : heldBack) {
            for (int column = 0; column < widths.length - 1; column++) {
                widths[column] = Math.max(widths[column], row[column].length());
            }
        }
        sized = true;
        write(HEADER.toArray(new String[0]));
        for (String[] row : heldBack) {
            write(row);
        }
        heldBack.clear();
    }

    private void write(String[] row) {
        final StringBuilder line = new StringBuilder(160);
        final int last = row.length - 1;
        for (int column = 0; column < last; column++) {
            final String value = row[column];
            widths[column] = Math.max(widths[column], value.length());
            final int padding = widths[column] - value.length();
            if (RIGHT_ALIGNED[column]) {
                line.append(" ".repeat(padding)).append(value);
            } else {
                line.append(value).append(" ".repeat(padding));
            }
            line.append(GAP);
        }
        line.append(row[last]);
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ') {
            end--;
        }
        line.setLength(end);
        out.append(line).append('\n');
    }

    @Override
    public void flush() {
        if (!sized) {
            writeHeldBack();
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

    /** Picks the row's columns out of a message and writes the rest as {@code name=value}. */
    private final class Fields implements MessageFields.FieldSink {
        final StringBuilder text = new StringBuilder();
        long orderId;
        long customerId;
        long totalCents;
        boolean hasTotal;
        long hideOrderId;
        long hideCustomerId;
        private boolean command;

        void clear(boolean forCommand) {
            text.setLength(0);
            orderId = 0;
            customerId = 0;
            totalCents = 0;
            hasTotal = false;
            hideOrderId = -1;
            hideCustomerId = -1;
            command = forCommand;
        }

        @Override
        public void number(String name, long value) {
            if ("orderId".equals(name)) {
                orderId = value;
                if (command || value == hideOrderId) {
                    return;
                }
            } else if ("customerId".equals(name)) {
                customerId = value;
                if (command || value == hideCustomerId) {
                    return;
                }
            }
            field(name, Long.toString(value));
        }

        @Override
        public void money(String name, long cents) {
            if ("totalCents".equals(name)) {
                totalCents = cents;
                hasTotal = true;
                return;
            }
            field(MessageFields.label(name), Formats.money(cents));
        }

        @Override
        public void time(String name, long epochMs) {
            field(MessageFields.label(name), times.format(epochMs));
        }

        @Override
        public void text(String name, String value) {
            field(name, value);
        }

        @Override
        public void lines(String name, List<Message.Line> lines) {
            final StringBuilder value = new StringBuilder("[");
            for (Message.Line line : lines) {
                if (value.length() > 1) {
                    value.append(", ");
                }
                value.append("sku ").append(line.sku()).append(": ").append(line.quantity()).append(" @ ")
                    .append(Formats.money(line.unitPriceCents()));
            }
            field(name, value.append(']').toString());
        }

        @Override
        public void skus(String name, List<Long> skus) {
            field(name, skus.toString());
        }

        private void field(String name, String value) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(name).append('=').append(value);
        }
    }
}
