package io.surge.engine.domain;

import io.surge.engine.collections.Mix;

/**
 * A streaming 64-bit hash used for {@code stateHash()} and order fingerprints. Not
 * cryptographic: it tells equal states from unequal ones with overwhelming probability.
 */
public final class StateHasher {
    private long hash = 0x243F6A8885A308D3L;

    public StateHasher add(long value) {
        hash = combine(hash, value);
        return this;
    }

    public long value() {
        return mix(hash);
    }

    /** Murmur3's 64-bit finaliser: every input bit affects every output bit. */
    public static long mix(long value) {
        return Mix.mix(value);
    }

    /** Order-dependent combination of a running hash with one more value. */
    public static long combine(long hash, long value) {
        return Long.rotateLeft(hash ^ mix(value), 29) * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
    }
}
