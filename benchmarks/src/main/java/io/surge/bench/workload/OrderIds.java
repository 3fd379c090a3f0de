package io.surge.bench.workload;

/**
 * Order ids of one stream: {@code idBase + k * streams + stream} for its k-th order. The streams
 * of one run share the id sequence round-robin, as upstream services drawing order ids from one
 * sequence would: together they use every id, and no two streams collide. Not thread-safe (owned
 * by its workload).
 */
final class OrderIds {
    private final long idBase;
    private final int stream;
    private final int streams;
    private long next;

    OrderIds(long idBase, int stream, int streams) {
        if (idBase <= 0) {
            throw new IllegalArgumentException("idBase must be positive, not " + idBase);
        }
        if (streams < 1 || streams > Workloads.MAX_STREAMS) {
            throw new IllegalArgumentException("streams must be 1.." + Workloads.MAX_STREAMS + ", not " + streams);
        }
        if (stream < 0 || stream >= streams) {
            throw new IllegalArgumentException("stream must be 0.." + (streams - 1) + ", not " + stream);
        }
        this.idBase = idBase;
        this.stream = stream;
        this.streams = streams;
    }

    /** The id of the next order, then advances. */
    long next() {
        return idBase + (next++) * streams + stream;
    }
}
