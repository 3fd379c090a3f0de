package io.surge.engine;

import io.surge.engine.config.EngineConfig;
import io.surge.engine.config.SkuDefinition;
import io.surge.engine.domain.OrderLines;
import io.surge.engine.domain.Status;
import io.surge.engine.journal.Durability;
import io.surge.engine.pipeline.EngineUnavailableException;
import io.surge.engine.pipeline.ResultListener;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The engine under load, in a child JVM that {@link RecoveryIT} kills with SIGKILL. Places
 * orders (and pays or cancels some) as fast as it can and prints one line per acknowledged
 * outcome: {@code ACK <orderId> <STATUS> <sequence>}. A line is printed only after the engine
 * acknowledged, so every line the parent reads is a promise the journal must keep. If the engine
 * halts (the journal cannot be written), it prints the remaining acknowledgements, then
 * {@code HALTED <reason>}, and exits with {@value #HALTED_EXIT_CODE}.
 */
public final class RecoveryTarget {
    static final int SKUS = 50;
    /** The exit code after the engine halted; it then prints {@code HALTED <reason>} last. */
    static final int HALTED_EXIT_CODE = 3;

    private RecoveryTarget() {
    }

    /** Order content is a pure function of the id, so the parent can re-send any order exactly. */
    static OrderLines linesOf(long orderId, OrderLines lines) {
        final long sku = 1 + (orderId * 7) % SKUS;
        return lines.clear().add(sku, (int) (1 + orderId % 3), priceOf(sku));
    }

    static long customerOf(long orderId) {
        return 1 + orderId % 1000;
    }

    static long priceOf(long sku) {
        return 1000 + sku;
    }

    static EngineConfig config(Path dataDir, Durability durability) {
        final List<SkuDefinition> catalogue = new ArrayList<>();
        for (long sku = 1; sku <= SKUS; sku++) {
            catalogue.add(new SkuDefinition(sku, 1 + sku % 5, priceOf(sku), 20_000));
        }
        return EngineConfig.builder(dataDir)
            .ringSize(4096)
            .durability(durability)
            .minFreeBytes(0)
            .snapshotEveryEntries(15_000)
            .catalogue(catalogue)
            .build();
    }

    public static void main(String[] args) throws Exception {
        final Path dataDir = Path.of(args[0]);
        final long firstOrderId = Long.parseLong(args[1]);
        final Durability durability = Durability.fromConfigName(args[2]);
        final ConcurrentLinkedQueue<String> acks = new ConcurrentLinkedQueue<>();
        final AtomicBoolean done = new AtomicBoolean();
        final BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        final Thread printer = new Thread(() -> {
            try {
                while (!done.get() || !acks.isEmpty()) {
                    String line;
                    while ((line = acks.poll()) != null) {
                        out.write(line);
                        out.newLine();
                    }
                    out.flush();
                    Thread.sleep(1);
                }
            } catch (Exception e) {
                // killed or closed: nothing more to print
            }
        }, "ack-printer");
        printer.setDaemon(true);
        printer.start();
        final ResultListener listener = (orderId, result) -> {
            if (result.status() != Status.FAILED) {
                acks.add("ACK " + orderId + " " + result.status() + " " + result.sequence());
            }
        };
        String haltReason;
        try (Engine engine = Engine.start(config(dataDir, durability))) {
            acks.add("STARTED " + engine.recovery().logic().appliedSequence());
            final OrderLines lines = new OrderLines();
            for (long orderId = firstOrderId; ; orderId++) {
                engine.placeOrder(orderId, customerOf(orderId), linesOf(orderId, lines), listener, orderId);
                final long earlier = orderId - 50;
                if (earlier >= firstOrderId && earlier % 4 == 0) {
                    engine.confirmPayment(earlier, (id, result) -> { }, earlier);
                } else if (earlier >= firstOrderId && earlier % 4 == 1) {
                    engine.cancelOrder(earlier, (id, result) -> { }, earlier);
                }
            }
        } catch (EngineUnavailableException e) {
            // The engine halted (the journal could not be written): every acknowledgement is in
            // the queue by now, since the engine answers in order and closing it drained the ring.
            haltReason = e.getMessage();
        }
        done.set(true);
        printer.join();
        out.write("HALTED " + haltReason.replace('\n', ' '));
        out.newLine();
        out.flush();
        System.exit(HALTED_EXIT_CODE);
    }
}
