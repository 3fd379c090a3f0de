package io.surge.engine.properties;

import io.surge.engine.domain.BusinessLogic;
import io.surge.engine.domain.CommandResult;
import io.surge.engine.domain.OrderLines;
import io.surge.engine.domain.Status;
import io.surge.engine.properties.RecordingEventSink.Event;
import io.surge.engine.properties.RecordingEventSink.ReservationExpired;
import io.surge.engine.properties.ReferenceModel.Expected;
import io.surge.engine.properties.ReferenceModel.Outcome;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Runs one generated stream through a {@link BusinessLogic} and checks, after every command:
 * <ol>
 *   <li><b>conservation</b>: no SKU counter is negative and available + reserved + sold equals
 *       the stock added minus the stock removed, as seen from accepted admin commands;</li>
 *   <li><b>limits</b>: no customer holds more units of a limited SKU than the sale allows;</li>
 *   <li><b>rejections</b>: a rejected command changes no stock, no limit usage, no live order;</li>
 *   <li><b>silence</b>: a command that writes no event changes nothing at all (state hash), since
 *       only commands with events are journaled and a replay would otherwise diverge;</li>
 *   <li><b>idempotency</b>: a retry of a remembered order gets its first answer, writes no event
 *       and changes nothing;</li>
 *   <li><b>decisions</b>: the outcome, the events and the resulting ledger agree with the
 *       {@link ReferenceModel}.</li>
 * </ol>
 * Checks 1-5 read only the engine's own state (before and after the command) and the stream;
 * check 6 compares against the model. Every failure message starts with the seed and the
 * command.
 */
final class InvariantRun {
    private final CommandStream stream;
    private final BusinessLogic logic = new BusinessLogic();
    private final ReferenceModel model = new ReferenceModel();
    private final RecordingEventSink sink = new RecordingEventSink();
    private final CommandResult result = new CommandResult();
    private final CommandResult query = new CommandResult();
    /** Every SKU id and positive customer id the stream mentions, known to the engine or not. */
    private final long[] skus;
    private final long[] customers;
    /** Stock added minus removed per SKU (same order as {@link #skus}), from accepted admin commands only. */
    private final long[] addedMinusRemoved;
    private int index;
    /** The engine's view and state hash after the previous command: nothing changes between commands. */
    private View previousView;
    private long previousHash;

    InvariantRun(CommandStream stream) {
        this.stream = stream;
        final TreeSet<Long> skuIds = new TreeSet<>();
        final TreeSet<Long> customerIds = new TreeSet<>();
        for (StreamCommand command : stream.commands()) {
            if (command instanceof StreamCommand.DefineSku define) {
                skuIds.add(define.sku());
            } else if (command instanceof StreamCommand.AdjustStock adjust) {
                skuIds.add(adjust.sku());
            } else if (command instanceof StreamCommand.PlaceOrder order) {
                Arrays.stream(order.skus()).forEach(skuIds::add);
                if (order.customerId() > 0) {
                    customerIds.add(order.customerId());
                }
            }
        }
        this.skus = skuIds.stream().mapToLong(Long::longValue).toArray();
        this.customers = customerIds.stream().mapToLong(Long::longValue).toArray();
        this.addedMinusRemoved = new long[skus.length];
    }

    /**
     * What the engine shows of its domain state through its query methods: per SKU (in
     * {@link #skus} order) available, reserved and sold, or -1s when unknown; the limit usage of
     * every (SKU, customer) pair; the number of live orders.
     */
    private record View(long[] counters, long[] usage, int liveOrders) {
        @Override
        public boolean equals(Object o) {
            return o instanceof View other && Arrays.equals(counters, other.counters)
                && Arrays.equals(usage, other.usage) && liveOrders == other.liveOrders;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(counters) * 31 + liveOrders;
        }

        @Override
        public String toString() {
            return "counters " + Arrays.toString(counters) + ", usage " + Arrays.toString(usage)
                + ", live orders " + liveOrders;
        }
    }

    void run() {
        previousView = view();
        previousHash = logic.stateHash();
        for (index = 0; index < stream.commands().size(); index++) {
            step(stream.commands().get(index));
        }
    }

    private void step(StreamCommand command) {
        final View before = previousView;
        final long hashBefore = previousHash;
        final Outcome retryAnswer = command instanceof StreamCommand.PlaceOrder order ? model.retryAnswer(order) : null;

        command.applyTo(logic, sink.clear(), result.reset());
        final Outcome outcome = Outcome.of(result);
        final List<Event> events = List.copyOf(sink.events());
        final View after = view();
        final long hashAfter = logic.stateHash();

        trackStock(command, outcome, before);
        checkConservation(after);
        checkLimits(after);
        if (outcome.status() == Status.REJECTED) {
            checkRejectionChangedNothing(before, after, events);
        }
        if (events.isEmpty() && hashBefore != hashAfter) {
            throw fail("silence: the command wrote no event (so it would not be journaled) but changed the state; "
                + outcome);
        }
        if (retryAnswer != null) {
            if (!outcome.equals(retryAnswer)) {
                throw fail("idempotency: a retry was answered " + outcome + " where the first answer was " + retryAnswer);
            }
            if (!events.isEmpty() || hashBefore != hashAfter) {
                throw fail("idempotency: a retry wrote events " + events + " or changed the state");
            }
        }
        checkAgainstModel(command, outcome, events, after);
        previousView = after;
        previousHash = hashAfter;
    }

    // ------------------------------------------------------------------ 1. conservation

    private void trackStock(StreamCommand command, Outcome outcome, View before) {
        if (outcome.status() != Status.ACCEPTED) {
            return;
        }
        if (command instanceof StreamCommand.DefineSku define) {
            // Defining sets the available stock: the difference to what was available is added (or removed).
            final int i = skuIndex(define.sku());
            final long availableBefore = Math.max(0, before.counters()[3 * i]);
            addedMinusRemoved[i] += define.available() - availableBefore;
        } else if (command instanceof StreamCommand.AdjustStock adjust) {
            addedMinusRemoved[skuIndex(adjust.sku())] += adjust.delta();
        }
    }

    private void checkConservation(View after) {
        for (int i = 0; i < skus.length; i++) {
            final long available = after.counters()[3 * i];
            final long reserved = after.counters()[3 * i + 1];
            final long sold = after.counters()[3 * i + 2];
            final boolean known = logic.skuCounters(skus[i]) != null;
            if (!known && addedMinusRemoved[i] != 0) {
                throw fail("conservation: SKU " + skus[i] + " is unknown but stock " + addedMinusRemoved[i]
                    + " was added to it");
            }
            if (known && (available < 0 || reserved < 0 || sold < 0)) {
                throw fail("conservation: SKU " + skus[i] + " has a negative counter: available " + available
                    + ", reserved " + reserved + ", sold " + sold);
            }
            if (known && available + reserved + sold != addedMinusRemoved[i]) {
                throw fail("conservation: SKU " + skus[i] + " counts available " + available + " + reserved "
                    + reserved + " + sold " + sold + " but stock added minus removed is " + addedMinusRemoved[i]);
            }
        }
    }

    // ------------------------------------------------------------------ 2. limits

    private void checkLimits(View after) {
        for (int i = 0; i < skus.length; i++) {
            final int limit = logic.saleLimit(skus[i]);
            for (int c = 0; c < customers.length && limit > 0; c++) {
                final long used = after.usage()[i * customers.length + c];
                if (used > limit) {
                    throw fail("limits: customer " + customers[c] + " holds " + used + " units of SKU " + skus[i]
                        + " whose sale allows " + limit);
                }
            }
        }
    }

    // ------------------------------------------------------------------ 3. rejections

    /**
     * A rejection may change the state hash, and rightly: the engine counts rejections
     * ({@code EngineCounters} are part of the hash) and remembers a rejected order id so that a
     * retry hears the same rejection (the dedup window is part of the hash too). What it must
     * never change is the stock, the limit usage or the live orders, so those are compared, as
     * the engine reports them, before and after.
     * <p>
     * The one legitimate exception: a payment or cancel that arrives after the reservation's
     * expiry time, before a tick expired it, expires it on the spot (a reservationExpired
     * event) and is then rejected as too late. The state may then differ by exactly that
     * order's release: its units back to available, its customer's limit usage returned. The
     * order's lines come from the model, which has not yet seen this command.
     */
    private void checkRejectionChangedNothing(View before, View after, List<Event> events) {
        View allowed = before;
        for (Event event : events) {
            if (event instanceof ReservationExpired expired) {
                final ReferenceModel.LiveOrder order = model.live().get(expired.orderId());
                if (order == null) {
                    throw fail("rejections: a rejection expired order " + expired.orderId() + ", not a live order");
                }
                allowed = released(allowed, order);
            }
        }
        if (!after.equals(allowed)) {
            throw fail("rejections: a rejected command (" + events + ") changed the domain state\n  before: " + before
                + "\n  after:  " + after + (allowed == before ? "" : "\n  allowed (an expiry on the spot): " + allowed));
        }
    }

    private View released(View view, ReferenceModel.LiveOrder order) {
        final long[] counters = view.counters().clone();
        final long[] usage = view.usage().clone();
        final int customer = Arrays.binarySearch(customers, order.customerId());
        for (ReferenceModel.Line line : order.lines()) {
            final int i = skuIndex(line.sku());
            counters[3 * i] += line.quantity();
            counters[3 * i + 1] -= line.quantity();
            if (line.limitSaleId() != 0 && line.limitSaleId() == model.skus().get(line.sku()).saleId) {
                usage[i * customers.length + customer] -= line.quantity();
            }
        }
        return new View(counters, usage, view.liveOrders() - 1);
    }

    // ------------------------------------------------------------------ 6. the reference model

    private void checkAgainstModel(StreamCommand command, Outcome outcome, List<Event> events, View after) {
        final Expected expected;
        try {
            expected = model.decide(command, events);
        } catch (AssertionError e) {
            throw fail("decisions: " + e.getMessage());
        }
        if (!outcome.equals(expected.outcome())) {
            throw fail("decisions: the engine answered " + outcome + ", the model " + expected.outcome());
        }
        if (!events.equals(expected.events())) {
            throw fail("decisions: the engine wrote " + events + ", the model " + expected.events());
        }
        if (logic.skuCount() != model.skus().size()) {
            throw fail("decisions: the engine holds " + logic.skuCount() + " SKUs, the model " + model.skus().size());
        }
        for (int i = 0; i < skus.length; i++) {
            final ReferenceModel.Sku item = model.skus().get(skus[i]);
            final long[] counters = Arrays.copyOfRange(after.counters(), 3 * i, 3 * i + 3);
            final long[] modelled = item == null ? new long[] {-1, -1, -1}
                : new long[] {item.available, item.reserved, item.sold};
            if (!Arrays.equals(counters, modelled)) {
                throw fail("decisions: SKU " + skus[i] + " counts " + Arrays.toString(counters) + ", the model "
                    + Arrays.toString(modelled));
            }
            if (logic.saleLimit(skus[i]) != model.saleLimit(skus[i])) {
                throw fail("decisions: SKU " + skus[i] + " has sale limit " + logic.saleLimit(skus[i]) + ", the model "
                    + model.saleLimit(skus[i]));
            }
            for (int c = 0; c < customers.length; c++) {
                final long used = after.usage()[i * customers.length + c];
                if ((used != 0 || item != null && item.saleId != 0) && used != model.usage(customers[c], skus[i])) {
                    throw fail("decisions: customer " + customers[c] + " uses " + used + " of SKU " + skus[i]
                        + ", the model counts " + model.usage(customers[c], skus[i]));
                }
            }
        }
        if (after.liveOrders() != model.live().size()) {
            throw fail("decisions: the engine holds " + after.liveOrders() + " live orders, the model "
                + model.live().size());
        }
        for (ReferenceModel.LiveOrder order : model.live().values()) {
            checkLiveOrder(order);
        }
    }

    private void checkLiveOrder(ReferenceModel.LiveOrder order) {
        logic.queryOrder(order.orderId(), query.reset());
        boolean same = query.status() == Status.FOUND && query.customerId() == order.customerId()
            && query.expiresAtMs() == order.expiresAtMs() && query.lines().count() == order.lines().size();
        for (int line = 0; same && line < order.lines().size(); line++) {
            final ReferenceModel.Line expected = order.lines().get(line);
            same = query.lines().sku(line) == expected.sku() && query.lines().quantity(line) == expected.quantity()
                && query.lines().unitPriceCents(line) == expected.priceCents();
        }
        if (!same) {
            throw fail("decisions: live order " + order + " reads back as " + query.status() + " customer "
                + query.customerId() + " until " + query.expiresAtMs() + " lines " + query.lines());
        }
    }

    // ------------------------------------------------------------------ helpers

    private View view() {
        final long[] counters = new long[3 * skus.length];
        final long[] usage = new long[skus.length * customers.length];
        for (int i = 0; i < skus.length; i++) {
            final long[] values = logic.skuCounters(skus[i]);
            if (values == null) {
                Arrays.fill(counters, 3 * i, 3 * i + 3, -1);
            } else {
                System.arraycopy(values, 0, counters, 3 * i, 3);
            }
            for (int c = 0; c < customers.length; c++) {
                usage[i * customers.length + c] = logic.limitUsage(customers[c], skus[i]);
            }
        }
        return new View(counters, usage, logic.liveOrderCount());
    }

    private int skuIndex(long sku) {
        return Arrays.binarySearch(skus, sku);
    }

    private AssertionError fail(String message) {
        return new AssertionError("seed " + stream.seed() + ", command #" + index + " of " + stream.commands().size()
            + ": " + stream.commands().get(index) + "\n  " + message + "\n  (CommandStream.generate(" + stream.seed()
            + "L) rebuilds the stream; the commands before this one:\n" + stream.listing(index - 8, index) + "  )");
    }
}
