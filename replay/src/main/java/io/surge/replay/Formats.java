package io.surge.replay;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How the tools print times and money: ISO-8601 times, money as a decimal. */
public final class Formats {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private Formats() {
    }

    /** Engine time as ISO-8601 in the given zone, with milliseconds. */
    public static String time(long epochMs, ZoneId zone) {
        return ISO.format(Instant.ofEpochMilli(epochMs).atZone(zone));
    }

    /** Cents as a decimal amount: 1999 → "19.99". */
    public static String money(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }
}
