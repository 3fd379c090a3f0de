package io.surge.engine.collections;

/** Murmur3's 64-bit finaliser: a bijection on longs in which every input bit affects every output bit. */
public final class Mix {
    private Mix() {
    }

    public static long mix(long value) {
        long h = value;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}
