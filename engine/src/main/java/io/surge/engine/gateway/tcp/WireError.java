package io.surge.engine.gateway.tcp;

/** Error codes of the TCP protocol (docs/protocol.md); the numbers never change meaning. */
public enum WireError {
    FRAME_TOO_LARGE(1, true),
    MALFORMED_FRAME(2, true),
    UNKNOWN_MESSAGE(3, true),
    HELLO_REQUIRED(4, true),
    UNSUPPORTED_VERSION(5, true),
    INVALID_REQUEST(6, false),
    TOO_MANY_IN_FLIGHT(7, false),
    TOO_MANY_CONNECTIONS(8, true),
    UNAVAILABLE(9, false);

    private final int code;
    private final boolean closesConnection;

    WireError(int code, boolean closesConnection) {
        this.code = code;
        this.closesConnection = closesConnection;
    }

    public int code() {
        return code;
    }

    /** Frame- and connection-level errors close the connection after the answer. */
    public boolean closesConnection() {
        return closesConnection;
    }

    public static WireError fromCode(int code) {
        for (WireError error : values()) {
            if (error.code == code) {
                return error;
            }
        }
        return null;
    }
}
