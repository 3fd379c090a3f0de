package io.surge.bench.workload;

/**
 * Order ids of one stream: {@code idBase + k * MAX_STREAMS + stream} for its k-th order, so the
 * streams of one id base never collide. Not thread-safe (owned by its workload).
 */
final class OrderIds {
    private final long idBase;
    private final int stream;
    private long next;

    OrderIds(long idBase, int stream) {
        if (idBase <= 0) {
            throw new IllegalArgumentException("idBase must be positive, not " + idBase);
        }
        if (stream < 0 || stream >= Workloads.MAX_STREAMS) {
            throw new IllegalArgumentException("stream must be 0.." + (Workloads.MAX_STREAMS - 1) + ", not " + stream);
        }
        this.idBase = idBase;
        this.stream = stream;
    }

    /** The id of the next order, then advances. */
    long next() {
        return idBase + (next++) * Workloads.MAX_STREAMS + stream;
    }
}
