package io.surge.engine.live;

import io.surge.engine.collections.IdIndex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Units and value per id (a SKU or a merchant), and the top entries by either. Ids get dense
 * indexes into primitive arrays that grow by doubling, so counting allocates nothing once every
 * id has been seen; ranking ({@link #top}) allocates its small answer.
 * <p>
 * Owned by one thread (the live reader).
 */
final class Tally {
    /** Which figure {@link #top} ranks by. */
    enum Measure { UNITS, CENTS }

    private static final int MISSING = -1;

    /** SKU and merchant ids usually come in dense runs: this index then finds them without hashing. */
    private final IdIndex indexOf = new IdIndex(1024);
    private long[] ids = new long[1024];
    private long[] owners = new long[1024];
    private long[] units = new long[1024];
    private long[] cents = new long[1024];
    private int count;

    /** Adds to {@code id}'s figures; {@code owner} (a SKU's merchant, or 0) is remembered as last given. */
    void add(long id, long owner, long addedUnits, long addedCents) {
        int index = indexOf.get(id);
        if (index == MISSING) {
            index = count;
            if (count == ids.length) {
                grow();
            }
            ids[count] = id;
            indexOf.put(id, index);
            count++;
        }
        owners[index] = owner;
        units[index] += addedUnits;
        cents[index] += addedCents;
    }

    int size() {
        return count;
    }

    long units(long id) {
        final int index = indexOf.get(id);
        return index == MISSING ? 0 : units[index];
    }

    long cents(long id) {
        final int index = indexOf.get(id);
        return index == MISSING ? 0 : cents[index];
    }

    /**
     * The {@code n} ids with the most units (or value), most first; ties go to the smaller id, so
     * the order is stable from one publication to the next. One pass with a sorted top list of
     * at most {@code n}: cheap for the few rankings a second the live view needs.
     */
    List<Ranked> top(int n, Measure measure) {
        if (n <= 0) {
            return List.of();
        }
        final long[] figure = measure == Measure.UNITS ? units : cents;
        final int[] best = new int[n];
        int size = 0;
        for (int i = 0; i < count; i++) {
            if (size == n && !ranksBefore(figure, i, best[size - 1])) {
                continue;
            }
            int at = size < n ? size++ : size - 1;
            while (at > 0 && ranksBefore(figure, i, best[at - 1])) {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = i;
        }
        final List<Ranked> ranked = new ArrayList<>(size);
        for (int k = 0; k < size; k++) {
            final int i = best[k];
            ranked.add(new Ranked(ids[i], owners[i], units[i], cents[i]));
        }
        return ranked;
    }

    private boolean ranksBefore(long[] figure, int a, int b) {
        return figure[a] != figure[b] ? figure[a] > figure[b] : ids[a] < ids[b];
    }

    private void grow() {
        final int capacity = ids.length * 2;
        ids = Arrays.copyOf(ids, capacity);
        owners = Arrays.copyOf(owners, capacity);
        units = Arrays.copyOf(units, capacity);
        cents = Arrays.copyOf(cents, capacity);
    }
}
