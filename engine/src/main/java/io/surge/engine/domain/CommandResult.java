package io.surge.engine.domain;

/**
 * What the business logic answers one command with, written into the command's ring slot and
 * read by the caller's callback. Reused: valid only until the callback returns.
 * <p>
 * Order commands fill {@link #status()}, {@link #reason()}, {@link #lineIndex()}, {@link #sku()}
 * and, for a reservation, {@link #expiresAtMs()}. Queries also fill the SKU counters or the
 * order's customer and lines.
 * <p>
 * Statuses and reasons are kept as codes, not enum references: one result lives in each of the
 * ring's tens of thousands of slots, and with G1 every reference stored into those long-lived
 * objects dirties a card that a refinement thread must then scan, which measured as about a
 * seventh of the pipeline's CPU.
 */
public final class CommandResult {
    private static final int NONE = -1;

    private int statusCode = NONE;
    private int reasonCode = NONE;
    private int lineIndex;
    private long sku;
    private long orderId;
    private long expiresAtMs;
    private long sequence;
    private String failure;

    private long merchantId;
    private long priceCents;
    private long available;
    private long reserved;
    private long sold;

    private long customerId;
    private int orderStatusCode = NONE;
    private final OrderLines lines = new OrderLines();

    private long stateHash;
    private final EngineCounters counters = new EngineCounters();

    public CommandResult reset() {
        statusCode = NONE;
        reasonCode = NONE;
        lineIndex = -1;
        sku = 0;
        orderId = 0;
        expiresAtMs = 0;
        sequence = 0;
        failure = null;
        customerId = 0;
        orderStatusCode = NONE;
        // lines and counters are filled (and cleared) only by the queries that use them: leaving
        // them alone keeps an order's result to one cache line.
        return this;
    }

    // ---- setters used by the business logic ----

    void reserved(long orderId, long expiresAtMs) {
        this.statusCode = Status.RESERVED.code();
        this.orderId = orderId;
        this.expiresAtMs = expiresAtMs;
    }

    void rejected(long orderId, RejectReason reason, int lineIndex, long sku) {
        this.statusCode = Status.REJECTED.code();
        this.orderId = orderId;
        this.reasonCode = codeOf(reason);
        this.lineIndex = lineIndex;
        this.sku = sku;
    }

    void completed(Status status, long orderId) {
        this.statusCode = codeOf(status);
        this.orderId = orderId;
    }

    void skuFound(long sku, long merchantId, long priceCents, long available, long reserved, long sold) {
        this.statusCode = Status.FOUND.code();
        this.sku = sku;
        this.merchantId = merchantId;
        this.priceCents = priceCents;
        this.available = available;
        this.reserved = reserved;
        this.sold = sold;
    }

    OrderLines orderFound(long orderId, long customerId, Status orderStatus, long expiresAtMs) {
        this.statusCode = Status.FOUND.code();
        this.orderId = orderId;
        this.customerId = customerId;
        this.orderStatusCode = codeOf(orderStatus);
        this.expiresAtMs = expiresAtMs;
        return lines.clear();
    }

    void notFound() {
        this.statusCode = Status.NOT_FOUND.code();
    }

    void countersFound(EngineCounters from, long appliedSequence) {
        this.statusCode = Status.FOUND.code();
        this.counters.copyFrom(from);
        this.sequence = appliedSequence;
    }

    void stateHash(long hash) {
        this.statusCode = Status.FOUND.code();
        this.stateHash = hash;
    }

    // ---- setters used by the pipeline ----

    /** Marks the command as not executed or not journaled; nothing about it is promised. */
    public void failed(String why) {
        this.statusCode = Status.FAILED.code();
        this.failure = why;
    }

    public void sequence(long sequence) {
        this.sequence = sequence;
    }

    public void accepted(long subjectId) {
        completed(Status.ACCEPTED, subjectId);
    }

    // ---- getters ----

    public Status status() {
        return Status.fromCode(statusCode);
    }

    public RejectReason reason() {
        return RejectReason.fromCode(reasonCode);
    }

    /** The offending line of a rejected order, or -1. */
    public int lineIndex() {
        return lineIndex;
    }

    /** The offending SKU of a rejected order, or the SKU of a SKU query. */
    public long sku() {
        return sku;
    }

    public long orderId() {
        return orderId;
    }

    public long expiresAtMs() {
        return expiresAtMs;
    }

    /** The journal sequence of the entry that recorded this command, or 0 when none did. */
    public long sequence() {
        return sequence;
    }

    public String failure() {
        return failure;
    }

    public long merchantId() {
        return merchantId;
    }

    public long priceCents() {
        return priceCents;
    }

    public long available() {
        return available;
    }

    public long reserved() {
        return reserved;
    }

    public long sold() {
        return sold;
    }

    public long customerId() {
        return customerId;
    }

    /** For an order query: the order's lifecycle state. */
    public Status orderStatus() {
        return Status.fromCode(orderStatusCode);
    }

    /** For an order query that found its order: the lines (otherwise stale). */
    public OrderLines lines() {
        return lines;
    }

    public long stateHash() {
        return stateHash;
    }

    /** For a counters query: the totals, as of {@link #sequence()}. */
    public EngineCounters counters() {
        return counters;
    }

    private static int codeOf(Status status) {
        return status == null ? NONE : status.code();
    }

    private static int codeOf(RejectReason reason) {
        return reason == null ? NONE : reason.code();
    }

    @Override
    public String toString() {
        final Status status = status();
        return switch (status == null ? Status.FAILED : status) {
            case REJECTED -> "REJECTED " + reason() + " (order " + orderId + ", line " + lineIndex + ", sku " + sku + ")";
            case RESERVED -> "RESERVED order " + orderId + " until " + expiresAtMs;
            case FAILED -> "FAILED " + failure;
            default -> status + " " + orderId;
        };
    }
}
