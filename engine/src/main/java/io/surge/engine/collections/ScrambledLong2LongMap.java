package io.surge.engine.collections;

import org.agrona.collections.Long2LongHashMap;

/**
 * Agrona's {@link Long2LongHashMap} with its keys scrambled by a bijective mix first.
 * <p>
 * Order ids and SKU ids are mostly sequential. Agrona's cheap hash keeps sequential keys close
 * together, and with linear probing a miss (every new order id) then walks long runs of occupied
 * buckets; measured, that made a map lookup the hottest spot of the business logic. Murmur3's
 * finaliser is a bijection on 64-bit values, so scrambling loses nothing and spreads any key
 * pattern evenly.
 * <p>
 * Not thread-safe: owned by the business-logic thread.
 */
public final class ScrambledLong2LongMap {
    private final Long2LongHashMap map;

    public ScrambledLong2LongMap(int initialCapacity, long missingValue) {
        map = new Long2LongHashMap(initialCapacity, 0.5f, missingValue);
    }

    public long get(long key) {
        return map.get(scramble(key));
    }

    public void put(long key, long value) {
        map.put(scramble(key), value);
    }

    /** Removes a key; returns its value, or the missing value when it was absent. */
    public long remove(long key) {
        return map.remove(scramble(key));
    }

    public boolean containsKey(long key) {
        return map.containsKey(scramble(key));
    }

    public void clear() {
        map.clear();
    }

    public int size() {
        return map.size();
    }

    private static long scramble(long key) {
        return Mix.mix(key);
    }
}
