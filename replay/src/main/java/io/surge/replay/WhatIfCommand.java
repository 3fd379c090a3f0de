package io.surge.replay;

import io.surge.engine.codec.CommandEncoder;
import io.surge.engine.codec.EntryHeader;
import io.surge.engine.codec.EntryReader;
import io.surge.engine.codec.sbe.ConfigureDecoder;
import io.surge.engine.codec.sbe.DefineSaleDecoder;
import io.surge.engine.codec.sbe.DefineSkuDecoder;
import io.surge.engine.codec.sbe.OrderRejectedDecoder;
import io.surge.engine.codec.sbe.OrderReservedDecoder;
import io.surge.engine.codec.sbe.PaymentConfirmedDecoder;
import io.surge.engine.codec.sbe.PlaceOrderDecoder;
import io.surge.engine.codec.sbe.SkuSoldOutDecoder;
import io.surge.engine.config.ConfigException;
import io.surge.engine.config.ConfigLoader;
import io.surge.engine.config.SaleDefinition;
import io.surge.engine.config.SkuDefinition;
import io.surge.engine.domain.BusinessLogic;
import io.surge.engine.domain.CommandResult;
import io.surge.engine.domain.EngineCounters;
import io.surge.engine.domain.RejectReason;
import io.surge.engine.domain.Status;
import io.surge.engine.execution.CommandExecutor;
import io.surge.engine.journal.ChronicleJournal;
import io.surge.engine.journal.Durability;
import io.surge.engine.journal.JournalAppender;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongHashSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code replay what-if}: re-runs the recorded order stream (orders, payments, cancellations,
 * ticks and stock adjustments, each at its recorded engine time) through a fresh business logic
 * seeded with another catalogue (and, optionally, other sales), and reports what would have been
 * different. The recorded SKU definitions (and sale definitions, with {@code --sales}) are
 * replaced by the given files, defined before the first recorded command.
 */
@Command(name = "what-if", mixinStandardHelpOptions = true,
    description = {"Re-runs the recorded order stream against another catalogue or sales setup.",
        "The recorded orders, payments, cancellations and ticks meet the other catalogue (and",
        "sales); the report is the difference: outcomes, GMV, sell-out times."},
    footer = {"", "Examples:",
        "  surge replay what-if --data data/demo --catalogue config/catalogue.csv",
        "  surge replay what-if --data data/demo --catalogue more-stock.csv --sales sales.yaml --out /tmp/what-if"})
public final class WhatIfCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR", required = true, description = "Data directory of the recorded journal.")
    Path data;

    @Option(names = "--catalogue", paramLabel = "FILE", required = true,
        description = "Catalogue CSV (sku,merchantId,priceCents,stock) to use instead of the recorded SKUs.")
    Path catalogueFile;

    @Option(names = "--sales", paramLabel = "FILE", description = "Sales YAML to use instead of the recorded sales.")
    Path salesFile;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write the what-if journal to DIR/journal (DIR must be new or empty).")
    Path out;

    @Option(names = "--show", paramLabel = "N", defaultValue = "10", description = "Orders with another outcome to list (default: ${DEFAULT-VALUE}).")
    int show;

    @Option(names = "--zone", paramLabel = "ZONE", description = "Time zone for times (default: this machine's).")
    ZoneId zone = ZoneId.systemDefault();

    @Override
    public Integer call() throws IOException {
        final DataDir dataDir = DataDir.of(data);
        final List<SkuDefinition> catalogue;
        final List<SaleDefinition> sales;
        try {
            catalogue = ConfigLoader.readCatalogue(catalogueFile);
            sales = salesFile == null ? null : ConfigLoader.readSales(salesFile, catalogue);
        } catch (ConfigException e) {
            throw new ReplayException(e.getMessage());
        }
        final Run run = new Run(catalogue, sales, openOutput());
        try (JournalScan scan = new JournalScan(dataDir)) {
            final Progress progress = new Progress("what-if", scan.lastSequence());
            scan.scan((buffer, offset, length, position) -> {
                run.replay(buffer, offset, length);
                progress.update(run.entries);
                return true;
            });
            progress.finish();
        } finally {
            run.close();
        }
        run.report(System.out);
        return ReplayMain.EXIT_OK;
    }

    private ChronicleJournal openOutput() throws IOException {
        if (out == null) {
            return null;
        }
        if (Files.exists(out)) {
            try (Stream<Path> entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    throw new ReplayException(out + ": not empty; --out needs a new or empty folder");
                }
            }
        }
        return ChronicleJournal.open(out.resolve("journal"), Durability.PAGE_CACHE, ChronicleJournal.DEFAULT_ROLL_CYCLE);
    }

    /** One what-if run: the fresh state, the comparison, the optional output journal. */
    private final class Run implements AutoCloseable {
        private final List<SkuDefinition> catalogue;
        private final List<SaleDefinition> sales;
        private final ChronicleJournal outJournal;
        private final JournalAppender appender;
        private final BusinessLogic logic = new BusinessLogic();
        private final CommandExecutor executor = new CommandExecutor(logic);
        private final CommandEncoder encoder = new CommandEncoder();
        private final ExpandableDirectByteBuffer scratch = new ExpandableDirectByteBuffer(4096);
        private final CommandResult result = new CommandResult();
        private final EntryReader reader = new EntryReader();
        private final OrderReservedDecoder reserved = new OrderReservedDecoder();
        private final OrderRejectedDecoder rejected = new OrderRejectedDecoder();
        private final PaymentConfirmedDecoder paid = new PaymentConfirmedDecoder();
        private final SkuSoldOutDecoder soldOut = new SkuSoldOutDecoder();
        private final Totals recorded = new Totals();
        private final Long2LongHashMap recordedSellOut = new Long2LongHashMap(Long.MIN_VALUE);
        private final Long2LongHashMap whatIfSellOut = new Long2LongHashMap(Long.MIN_VALUE);
        private final List<String> changedExamples = new ArrayList<>();
        private long changed;
        /** SKUs the journal defined (its DefineSku entries, which the catalogue replaces). */
        private final LongHashSet recordedSkus = new LongHashSet();
        private final DefineSkuDecoder defineSku = new DefineSkuDecoder();
        private long replacedSales;
        private long becameReserved;
        private long becameRejected;
        private long entries;
        private long written;
        private boolean defined;

        Run(List<SkuDefinition> catalogue, List<SaleDefinition> sales, ChronicleJournal outJournal) {
            this.catalogue = catalogue;
            this.sales = sales;
            this.outJournal = outJournal;
            this.appender = outJournal == null ? null : outJournal.appender();
        }

        void replay(DirectBuffer buffer, int offset, int length) {
            entries++;
            final int type = EntryHeader.entryType(buffer, offset);
            final long timeMs = EntryHeader.engineTimeMs(buffer, offset);
            recordOriginal(buffer, offset, timeMs);
            if (!defined && type != ConfigureDecoder.TEMPLATE_ID) {
                defineReplacements(timeMs);
            }
            if (type == DefineSkuDecoder.TEMPLATE_ID) {
                reader.forEachMessage(buffer, offset, (index, templateId, b, body, blockLength, version) -> {
                    if (index == 0) {
                        recordedSkus.add(defineSku.wrap(b, body, blockLength, version).sku());
                    }
                });
                return; // replaced by the catalogue
            }
            if (type == DefineSaleDecoder.TEMPLATE_ID && sales != null) {
                replacedSales++;
                return; // replaced by the sales file
            }
            final int commandEnd = reader.commandEnd(buffer, offset, length);
            scratch.putBytes(0, buffer, offset, commandEnd);
            final int entryLength = execute(timeMs);
            if (type == PlaceOrderDecoder.TEMPLATE_ID) {
                compareOrder(buffer, offset);
            }
            if (entryLength > 0) {
                recordWhatIfSellOuts(timeMs);
            }
        }

        private void defineReplacements(long timeMs) {
            defined = true;
            for (SkuDefinition sku : catalogue) {
                encoder.defineSku(scratch, sku.sku(), sku.merchantId(), sku.priceCents(), sku.stock());
                execute(timeMs);
            }
            if (sales != null) {
                for (SaleDefinition sale : sales) {
                    encoder.defineSale(scratch, sale.saleId(), sale.startMs(), sale.endMs(), sale.limitPerCustomer(),
                        sale.skus(), sale.skus().length);
                    execute(timeMs);
                }
            }
        }

        /** Executes the command in the scratch buffer; journals the entry to --out. */
        private int execute(long timeMs) {
            final int length = executor.execute(scratch, timeMs, result.reset());
            if (length > 0 && appender != null) {
                EntryHeader.seal(scratch, 0);
                appender.append(scratch, 0, length);
                if (++written % 1024 == 0) {
                    appender.flush();
                }
            }
            return length;
        }

        private void recordOriginal(DirectBuffer buffer, int offset, long timeMs) {
            reader.forEachMessage(buffer, offset, (index, templateId, b, body, blockLength, version) -> {
                switch (templateId) {
                    case OrderReservedDecoder.TEMPLATE_ID -> {
                        recorded.reserved++;
                        recorded.gmvReservedCents += reserved.wrap(b, body, blockLength, version).totalCents();
                    }
                    case OrderRejectedDecoder.TEMPLATE_ID -> {
                        final RejectReason reason = RejectReason.fromCode(rejected.wrap(b, body, blockLength, version).reason());
                        recorded.rejected++;
                        recorded.rejectedByReason.merge(reason, 1L, Long::sum);
                    }
                    case PaymentConfirmedDecoder.TEMPLATE_ID -> {
                        recorded.paid++;
                        recorded.gmvPaidCents += paid.wrap(b, body, blockLength, version).totalCents();
                    }
                    case SkuSoldOutDecoder.TEMPLATE_ID -> {
                        final long sku = soldOut.wrap(b, body, blockLength, version).sku();
                        if (!recordedSellOut.containsKey(sku)) {
                            recordedSellOut.put(sku, timeMs);
                        }
                    }
                    default -> {
                    }
                }
            });
        }

        /** The recorded outcome is the entry's first event; the what-if outcome is in the result. */
        private void compareOrder(DirectBuffer buffer, int offset) {
            final String[] before = {null};
            reader.forEachMessage(buffer, offset, (index, templateId, b, body, blockLength, version) -> {
                if (index == 1) {
                    before[0] = templateId == OrderReservedDecoder.TEMPLATE_ID ? "RESERVED"
                        : templateId == OrderRejectedDecoder.TEMPLATE_ID
                        ? "REJECTED " + RejectReason.fromCode(rejected.wrap(b, body, blockLength, version).reason())
                        : "OTHER";
                }
            });
            final String after = result.status() == Status.REJECTED ? "REJECTED " + result.reason() : String.valueOf(result.status());
            if (before[0] == null || before[0].equals(after)) {
                return;
            }
            changed++;
            if (after.equals("RESERVED")) {
                becameReserved++;
            } else if (before[0].equals("RESERVED")) {
                becameRejected++;
            }
            if (changedExamples.size() < show) {
                changedExamples.add(String.format(Locale.ROOT, "order %d: %s -> %s", result.orderId(), before[0], after));
            }
        }

        /** What of the recorded setup the files replaced, so a surprising difference has its cause in sight. */
        private void printReplacedSetup(PrintStream outStream, EngineCounters whatIf) {
            final LongHashSet inCatalogue = new LongHashSet();
            catalogue.forEach(sku -> inCatalogue.add(sku.sku()));
            long missing = 0;
            for (LongHashSet.LongIterator it = recordedSkus.iterator(); it.hasNext(); ) {
                if (!inCatalogue.contains(it.nextValue())) {
                    missing++;
                }
            }
            outStream.printf(Locale.ROOT, "recorded SKU definitions replaced by %s: %,d SKUs, %,d of them not in it"
                + " (their orders are UNKNOWN_SKU in the what-if)%n", catalogueFile, recordedSkus.size(), missing);
            if (sales != null) {
                outStream.printf(Locale.ROOT, "recorded sale definitions replaced by %s: %,d%n", salesFile, replacedSales);
            }
            if (whatIf.commandsRejected() > 0) {
                outStream.printf(Locale.ROOT, "commands rejected in the what-if: %,d (payments and cancellations of orders"
                    + " not reserved there, stock removals, or recorded sales naming SKUs the catalogue lacks)%n",
                    whatIf.commandsRejected());
            }
        }

        private void recordWhatIfSellOuts(long timeMs) {
            reader.forEachMessage(scratch, 0, (index, templateId, b, body, blockLength, version) -> {
                if (templateId == SkuSoldOutDecoder.TEMPLATE_ID) {
                    final long sku = soldOut.wrap(b, body, blockLength, version).sku();
                    if (!whatIfSellOut.containsKey(sku)) {
                        whatIfSellOut.put(sku, timeMs);
                    }
                }
            });
        }

        void report(PrintStream outStream) {
            final EngineCounters whatIf = logic.counters();
            outStream.printf(Locale.ROOT, "What-if on %s: %,d recorded entries re-run with %s (%,d SKUs)%s%n", data, entries,
                catalogueFile, catalogue.size(), sales == null ? "" : " and " + salesFile + " (" + sales.size() + " sales)");
            outStream.printf(Locale.ROOT, "%-22s %16s %16s %16s%n", "", "recorded", "what-if", "difference");
            row(outStream, "orders reserved", recorded.reserved, whatIf.ordersReserved());
            row(outStream, "orders rejected", recorded.rejected, whatIf.ordersRejected());
            final TreeSet<RejectReason> reasons = new TreeSet<>(recorded.rejectedByReason.keySet());
            for (RejectReason reason : RejectReason.values()) {
                if (whatIf.rejected(reason) > 0) {
                    reasons.add(reason);
                }
            }
            for (RejectReason reason : reasons) {
                row(outStream, "  " + reason, recorded.rejectedByReason.getOrDefault(reason, 0L), whatIf.rejected(reason));
            }
            row(outStream, "orders paid", recorded.paid, whatIf.ordersPaid());
            moneyRow(outStream, "GMV reserved", recorded.gmvReservedCents, whatIf.gmvReservedCents());
            moneyRow(outStream, "GMV paid", recorded.gmvPaidCents, whatIf.gmvPaidCents());
            outStream.printf(Locale.ROOT, "orders with another outcome: %,d (rejected -> reserved %,d, reserved -> rejected %,d,"
                + " another rejection reason %,d)%n", changed, becameReserved, becameRejected,
                changed - becameReserved - becameRejected);
            for (String example : changedExamples) {
                outStream.println("  " + example);
            }
            printSellOuts(outStream);
            printReplacedSetup(outStream, whatIf);
            if (out != null) {
                outStream.printf(Locale.ROOT, "what-if journal: %s (%,d entries)%n", out.resolve("journal"), written);
            }
            outStream.printf("what-if state hash: %016x%n", logic.stateHash());
        }

        private void printSellOuts(PrintStream outStream) {
            final TreeSet<Long> skus = new TreeSet<>();
            recordedSellOut.forEachLong((sku, time) -> skus.add(sku));
            whatIfSellOut.forEachLong((sku, time) -> skus.add(sku));
            int differing = 0;
            final List<String> lines = new ArrayList<>();
            for (long sku : skus) {
                final long before = recordedSellOut.get(sku);
                final long after = whatIfSellOut.get(sku);
                if (before != after) {
                    differing++;
                    if (lines.size() < show) {
                        lines.add(String.format(Locale.ROOT, "  SKU %d: %s -> %s", sku, when(before), when(after)));
                    }
                }
            }
            outStream.printf(Locale.ROOT, "SKUs sold out: recorded %,d, what-if %,d; %,d sold out at another time (or not at all)%n",
                recordedSellOut.size(), whatIfSellOut.size(), differing);
            lines.forEach(outStream::println);
        }

        private String when(long timeMs) {
            return timeMs == Long.MIN_VALUE ? "never" : Formats.time(timeMs, zone);
        }

        private void row(PrintStream outStream, String label, long before, long after) {
            outStream.printf(Locale.ROOT, "%-22s %,16d %,16d %+,16d%n", label, before, after, after - before);
        }

        private void moneyRow(PrintStream outStream, String label, long before, long after) {
            outStream.printf(Locale.ROOT, "%-22s %16s %16s %16s%n", label, Formats.money(before), Formats.money(after),
                (after >= before ? "+" : "") + Formats.money(after - before));
        }

        @Override
        public void close() {
            if (outJournal != null) {
                appender.flush();
                outJournal.close();
            }
        }
    }

    /** Totals read from the recorded events. */
    private static final class Totals {
        long reserved;
        long rejected;
        final Map<RejectReason, Long> rejectedByReason = new EnumMap<>(RejectReason.class);
        long paid;
        long gmvReservedCents;
        long gmvPaidCents;
    }
}
