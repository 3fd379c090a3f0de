package io.surge.client;

/**
 * The server's answer to one request.
 *
 * @param status      RESERVED, REJECTED, PAID or CANCELLED; ERROR when the server did not take the request
 * @param reason      the reject reason name (REJECTED), or null
 * @param lineIndex   the offending line of a rejected order, or -1
 * @param sku         the offending SKU of a rejected order, or 0
 * @param expiresAtMs when a reservation expires (RESERVED), or 0
 * @param sequence    the journal sequence that recorded it (0 when a retry was answered from memory)
 * @param errorCode   the protocol error code (ERROR), or 0
 * @param error       the server's explanation (ERROR), or null
 */
public record OrderResult(
    long correlationId, long orderId, Status status, String reason, int lineIndex, long sku, long expiresAtMs,
    long sequence, int errorCode, String error) {

    /** What became of a request. */
    public enum Status { RESERVED, REJECTED, PAID, CANCELLED, ERROR }

    public boolean isError() {
        return status == Status.ERROR;
    }
}
