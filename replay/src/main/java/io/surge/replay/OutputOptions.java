package io.surge.replay;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;

/** The {@code --format} and {@code --zone} options that {@code dump} and {@code tail} share (a picocli mixin). */
final class OutputOptions {
    enum Format { TABLE, JSON, CSV }

    @Option(names = "--format", paramLabel = "table|json|csv", converter = FormatConverter.class,
        description = "table (default: one aligned row per entry), json (JSON lines: one object per entry)"
            + " or csv (one row per message, with a header row).")
    Format format = Format.TABLE;

    @Option(names = "--zone", paramLabel = "ZONE",
        description = "Time zone for printed times and for times given without an offset, e.g. +08:00, UTC,"
            + " Asia/Shanghai (default: this machine's).")
    String zone;

    ZoneId zoneId() {
        if (zone == null) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(zone.trim());
        } catch (DateTimeException e) {
            throw new ReplayException("unknown time zone '" + zone + "' (try +08:00, UTC or Asia/Shanghai)");
        }
    }

    /** A printer of the chosen format writing to {@code out}. */
    EntryPrinter printer(PrintWriter out) {
        final ZoneId zoneId = zoneId();
        final ConsoleOutput console = new ConsoleOutput(out);
        return switch (format) {
            case TABLE -> new TablePrinter(console, zoneId);
            case JSON -> new JsonLinesPrinter(console, zoneId);
            case CSV -> new CsvPrinter(console, zoneId);
        };
    }

    static final class FormatConverter implements ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return Format.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("expected table, json or csv, not '" + value + "'");
            }
        }
    }
}
