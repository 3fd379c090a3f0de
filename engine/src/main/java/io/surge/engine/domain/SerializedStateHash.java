package io.surge.engine.domain;

/**
 * {@link BusinessLogic#stateHash()} computed from the bytes {@link BusinessLogic#writeTo} wrote,
 * without rebuilding the state. A snapshot is hashed this way on the snapshot thread, so the
 * business-logic thread only pays for the copy. It mirrors {@code writeTo} and the components'
 * {@code hashInto} field by field; a property test holds it equal to {@code stateHash()}.
 */
public final class SerializedStateHash {
    private SerializedStateHash() {
    }

    public static long of(StateInput in) {
        final int format = in.getInt();
        if (format != BusinessLogic.SNAPSHOT_FORMAT) {
            throw new IllegalStateException("snapshot: state format " + format + " is not " + BusinessLogic.SNAPSHOT_FORMAT);
        }
        final StateHasher hasher = new StateHasher();
        hasher.add(in.getLong()); // applied sequence
        in.getLong(); // applied time: not part of the hash
        hasher.add(in.getLong()); // reservation timeout
        final int dedupWindow = in.getInt();
        hasher.add(dedupWindow).add(in.getInt()).add(in.getInt()).add(in.getInt()); // then SKU, order, sale capacities
        counters(in, hasher);
        inventory(in, hasher);
        sales(in, hasher);
        limitUsage(in, hasher);
        // stateHash() takes the orders before the dedup window; the snapshot has them the other way round.
        final StateInput dedupSection = in.copy();
        skipDedup(in);
        orders(in, hasher);
        dedup(dedupSection, dedupWindow, hasher);
        if (!in.exhausted()) {
            throw new IllegalStateException("snapshot: bytes left over after the state");
        }
        return hasher.value();
    }

    private static void counters(StateInput in, StateHasher hasher) {
        for (int i = 0; i < 9 + EngineCounters.REASONS; i++) {
            hasher.add(in.getLong());
        }
    }

    private static void inventory(StateInput in, StateHasher hasher) {
        final int skus = in.getCount(in.maxItems(6 * Long.BYTES + Integer.BYTES), "SKU");
        hasher.add(skus);
        for (int i = 0; i < skus; i++) {
            for (int field = 0; field < 6; field++) {
                hasher.add(in.getLong()); // id, merchant, price, available, reserved, sold
            }
            hasher.add(in.getInt()); // sale slot
        }
    }

    private static void sales(StateInput in, StateHasher hasher) {
        final int sales = in.getCount(in.maxItems(3 * Long.BYTES + Integer.BYTES), "sale");
        hasher.add(sales);
        for (int i = 0; i < sales; i++) {
            hasher.add(in.getLong()).add(in.getLong()).add(in.getLong()).add(in.getInt());
        }
    }

    /** Combined order-free, as {@code stateHash()} does: the map's order depends on its history. */
    private static void limitUsage(StateInput in, StateHasher hasher) {
        final int entries = in.getCount(in.maxItems(3 * Long.BYTES), "limit usage");
        long sum = 0;
        for (int i = 0; i < entries; i++) {
            final long customer = in.getLong();
            final long key = in.getLong();
            final long units = in.getLong();
            sum += StateHasher.mix(StateHasher.combine(StateHasher.combine(customer, key), units));
        }
        hasher.add(sum).add(entries);
    }

    private static void skipDedup(StateInput in) {
        final int entries = in.getCount(in.maxItems(4 * Long.BYTES), "dedup entry");
        for (long i = 0; i < 4L * entries; i++) {
            in.getLong();
        }
    }

    private static void dedup(StateInput in, int capacity, StateHasher hasher) {
        final int entries = in.getCount(in.maxItems(4 * Long.BYTES), "dedup entry");
        hasher.add(capacity).add(entries);
        for (long i = 0; i < 4L * entries; i++) {
            hasher.add(in.getLong()); // order id, content hash, outcome, detail
        }
    }

    private static void orders(StateInput in, StateHasher hasher) {
        final int orders = in.getCount(in.maxItems(2 * Integer.BYTES + 5 * Long.BYTES), "live order");
        hasher.add(orders);
        for (int i = 0; i < orders; i++) {
            hasher.add(in.getInt()); // expiry list
            for (int field = 0; field < 5; field++) {
                hasher.add(in.getLong()); // id, customer, content hash, expiry, total
            }
            final int lines = in.getInt();
            if (lines < 1 || lines > OrderLines.MAX_LINES) {
                throw new IllegalStateException("snapshot: order of " + lines + " lines");
            }
            hasher.add(lines);
            for (int line = 0; line < lines; line++) {
                hasher.add(in.getInt()).add(in.getInt()).add(in.getLong()).add(in.getInt());
            }
        }
    }
}
