package io.surge.engine.domain;

/**
 * Why a command was turned down. Rejections are outcomes, not errors: they are journaled and
 * change no stock. The codes are part of the journal format and never change meaning.
 */
public enum RejectReason {
    OUT_OF_STOCK(1),
    UNKNOWN_SKU(2),
    LIMIT_EXCEEDED(3),
    SALE_NOT_ACTIVE(4),
    /** A different order under an order id already used. */
    DUPLICATE_ORDER(5),
    INVALID_ORDER(6),
    UNKNOWN_ORDER(7),
    /** The order exists but is not in a state that allows the command (e.g. paying a cancelled order). */
    INVALID_STATE(8),
    /** An admin command with an out-of-range value. */
    INVALID_COMMAND(9),
    /** A configured capacity (maxSkus, maxLiveOrders, maxSales) is reached. */
    CAPACITY_EXCEEDED(10);

    private static final RejectReason[] BY_CODE = new RejectReason[16];

    static {
        for (RejectReason reason : values()) {
            BY_CODE[reason.code] = reason;
        }
    }

    private final int code;

    RejectReason(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The reason for a journal code, or null for an unknown code. */
    public static RejectReason fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
