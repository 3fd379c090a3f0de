package io.surge.engine.domain;

/** The outcome of a command as its caller sees it. Codes are stable: dedup memory stores them. */
public enum Status {
    RESERVED(1),
    REJECTED(2),
    PAID(3),
    CANCELLED(4),
    EXPIRED(5),
    /** An admin command or tick that was applied. */
    ACCEPTED(6),
    /** A query that found its subject. */
    FOUND(7),
    /** A query whose subject the engine does not hold. */
    NOT_FOUND(8),
    /** The engine could not journal the command (or had halted before it): nothing is promised. */
    FAILED(9);

    private static final Status[] BY_CODE = new Status[16];

    static {
        for (Status status : values()) {
            BY_CODE[status.code] = status;
        }
    }

    private final int code;

    Status(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Status fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
