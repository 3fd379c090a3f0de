package io.surge.engine.codec;

/** What a read-only query asks for. Queries are answered by the business logic and never journaled. */
public enum QueryKind {
    SKU(1),
    ORDER(2),
    STATE_HASH(3),
    COUNTERS(4),
    /** Not a read: asks the pipeline to write a snapshot of the state as it is now. */
    SNAPSHOT(5);

    private final int code;

    QueryKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static QueryKind fromCode(int code) {
        for (QueryKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        return null;
    }
}
