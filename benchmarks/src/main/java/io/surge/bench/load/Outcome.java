package io.surge.bench.load;

/** What became of one request, as a target connection reports it. */
public enum Outcome {
    RESERVED,
    REJECTED,
    PAID,
    CANCELLED,
    /** Not decided by the engine: a transport failure, a protocol error, an HTTP status other than 200, a timeout. */
    ERROR
}
