package io.surge.engine.execution;

import io.surge.engine.codec.CommandEncoder;
import io.surge.engine.codec.EntryHeader;
import io.surge.engine.codec.EventEncoder;
import io.surge.engine.codec.QueryKind;
import io.surge.engine.codec.sbe.AdjustStockDecoder;
import io.surge.engine.codec.sbe.CancelOrderDecoder;
import io.surge.engine.codec.sbe.ConfigureDecoder;
import io.surge.engine.codec.sbe.ConfirmPaymentDecoder;
import io.surge.engine.codec.sbe.DefineSaleDecoder;
import io.surge.engine.codec.sbe.DefineSkuDecoder;
import io.surge.engine.codec.sbe.MessageHeaderDecoder;
import io.surge.engine.codec.sbe.PlaceOrderDecoder;
import io.surge.engine.codec.sbe.QueryDecoder;
import io.surge.engine.codec.sbe.TickDecoder;
import io.surge.engine.domain.BusinessLogic;
import io.surge.engine.domain.CommandResult;
import io.surge.engine.domain.DecisionSettings;
import io.surge.engine.domain.OrderLines;
import org.agrona.MutableDirectBuffer;

/**
 * Decodes the command in an entry buffer, has the business logic decide it, and completes the
 * entry: events after the command, then the header with the next sequence number.
 * <p>
 * The live pipeline, crash recovery and the replay tools all execute commands through this one
 * class, so a replay decides exactly as the engine did. Single-threaded, allocation-free.
 */
public final class CommandExecutor {
    /** Returned by {@link #execute} when the command produced nothing to journal. */
    public static final int NOT_JOURNALED = 0;

    private final BusinessLogic logic;
    private final EventEncoder events = new EventEncoder();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final PlaceOrderDecoder placeOrder = new PlaceOrderDecoder();
    private final ConfirmPaymentDecoder confirmPayment = new ConfirmPaymentDecoder();
    private final CancelOrderDecoder cancelOrder = new CancelOrderDecoder();
    private final DefineSkuDecoder defineSku = new DefineSkuDecoder();
    private final AdjustStockDecoder adjustStock = new AdjustStockDecoder();
    private final DefineSaleDecoder defineSale = new DefineSaleDecoder();
    private final TickDecoder tick = new TickDecoder();
    private final ConfigureDecoder configure = new ConfigureDecoder();
    private final QueryDecoder query = new QueryDecoder();
    private final OrderLines lines = new OrderLines();
    private long[] saleSkus = new long[64];

    public CommandExecutor(BusinessLogic logic) {
        this.logic = logic;
    }

    public BusinessLogic logic() {
        return logic;
    }

    /**
     * Executes the command at {@link CommandEncoder#COMMAND_OFFSET} of {@code entry} at engine
     * time {@code nowMs}. Returns the length of the completed entry to journal, or
     * {@link #NOT_JOURNALED} when nothing changed (a query, a retry answered from memory, a tick
     * with nothing due). The result is always filled in.
     */
    public int execute(MutableDirectBuffer entry, long nowMs, CommandResult result) {
        final int offset = CommandEncoder.COMMAND_OFFSET;
        header.wrap(entry, offset);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID) {
            result.failed("not a Surge command (schema " + header.schemaId() + ")");
            return NOT_JOURNALED;
        }
        final int templateId = header.templateId();
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (templateId) {
            case PlaceOrderDecoder.TEMPLATE_ID -> {
                placeOrder.wrap(entry, body, blockLength, version);
                final long orderId = placeOrder.orderId();
                final long customerId = placeOrder.customerId();
                decodeLines(placeOrder.lines());
                events.begin(entry, placeOrder.limit());
                logic.placeOrder(nowMs, orderId, customerId, lines, events, result);
            }
            case ConfirmPaymentDecoder.TEMPLATE_ID -> {
                confirmPayment.wrap(entry, body, blockLength, version);
                events.begin(entry, confirmPayment.limit());
                logic.confirmPayment(nowMs, confirmPayment.orderId(), events, result);
            }
            case CancelOrderDecoder.TEMPLATE_ID -> {
                cancelOrder.wrap(entry, body, blockLength, version);
                events.begin(entry, cancelOrder.limit());
                logic.cancelOrder(nowMs, cancelOrder.orderId(), events, result);
            }
            case DefineSkuDecoder.TEMPLATE_ID -> {
                defineSku.wrap(entry, body, blockLength, version);
                events.begin(entry, defineSku.limit());
                logic.defineSku(nowMs, defineSku.sku(), defineSku.merchantId(), defineSku.priceCents(),
                    defineSku.available(), events, result);
            }
            case AdjustStockDecoder.TEMPLATE_ID -> {
                adjustStock.wrap(entry, body, blockLength, version);
                events.begin(entry, adjustStock.limit());
                logic.adjustStock(nowMs, adjustStock.sku(), adjustStock.delta(), events, result);
            }
            case DefineSaleDecoder.TEMPLATE_ID -> executeDefineSale(entry, body, blockLength, version, nowMs, result);
            case TickDecoder.TEMPLATE_ID -> {
                tick.wrap(entry, body, blockLength, version);
                events.begin(entry, tick.limit());
                logic.tick(nowMs, tick.maxExpiries(), events, result);
            }
            case ConfigureDecoder.TEMPLATE_ID -> {
                configure.wrap(entry, body, blockLength, version);
                events.begin(entry, configure.limit());
                final DecisionSettings settings;
                try {
                    settings = new DecisionSettings(configure.reservationTimeoutMs(), configure.dedupWindow(),
                        configure.maxSkus(), configure.maxLiveOrders(), configure.maxSales());
                } catch (IllegalArgumentException e) {
                    result.failed(e.getMessage());
                    return NOT_JOURNALED;
                }
                logic.configure(settings, events, result);
            }
            case QueryDecoder.TEMPLATE_ID -> {
                query.wrap(entry, body, blockLength, version);
                answer(QueryKind.fromCode(query.kind()), query.subjectId(), result);
                return NOT_JOURNALED;
            }
            default -> {
                result.failed("unknown command type " + templateId);
                return NOT_JOURNALED;
            }
        }
        return complete(entry, templateId, nowMs, result);
    }

    /** The query kind of a query command in {@code entry}, or null when it holds another command. */
    public QueryKind queryKind(MutableDirectBuffer entry) {
        header.wrap(entry, CommandEncoder.COMMAND_OFFSET);
        if (header.templateId() != QueryDecoder.TEMPLATE_ID) {
            return null;
        }
        query.wrap(entry, CommandEncoder.COMMAND_OFFSET + MessageHeaderDecoder.ENCODED_LENGTH,
            header.blockLength(), header.version());
        return QueryKind.fromCode(query.kind());
    }

    private int complete(MutableDirectBuffer entry, int templateId, long nowMs, CommandResult result) {
        final int eventCount = events.eventCount();
        if (eventCount == 0) {
            return NOT_JOURNALED;
        }
        final long sequence = logic.appliedSequence() + 1;
        final int length = events.position();
        EntryHeader.write(entry, 0, sequence, nowMs, templateId, MessageHeaderDecoder.SCHEMA_VERSION, eventCount,
            length - EntryHeader.LENGTH);
        logic.appliedSequence(sequence);
        logic.appliedTimeMs(nowMs);
        result.sequence(sequence);
        return length;
    }

    private void decodeLines(PlaceOrderDecoder.LinesDecoder encodedLines) {
        lines.clear();
        final int count = encodedLines.count();
        for (int i = 0; i < count; i++) {
            encodedLines.next();
            if (i < OrderLines.MAX_LINES) {
                lines.add(encodedLines.sku(), encodedLines.quantity(), encodedLines.unitPriceCents());
            }
        }
        if (count > OrderLines.MAX_LINES) {
            lines.clear(); // too many lines: an empty order is rejected as INVALID_ORDER
        }
    }

    private void executeDefineSale(
        MutableDirectBuffer entry, int body, int blockLength, int version, long nowMs, CommandResult result) {
        defineSale.wrap(entry, body, blockLength, version);
        final long saleId = defineSale.saleId();
        final long startMs = defineSale.startMs();
        final long endMs = defineSale.endMs();
        final int limit = defineSale.limitPerCustomer();
        final DefineSaleDecoder.SkusDecoder skus = defineSale.skus();
        final int count = skus.count();
        if (saleSkus.length < count) {
            saleSkus = new long[count]; // admin command: growing here is fine
        }
        for (int i = 0; i < count; i++) {
            saleSkus[i] = skus.next().sku();
        }
        events.begin(entry, defineSale.limit());
        logic.defineSale(nowMs, saleId, startMs, endMs, limit, saleSkus, count, events, result);
    }

    private void answer(QueryKind kind, long subjectId, CommandResult result) {
        if (kind == null) {
            result.failed("unknown query kind");
            return;
        }
        switch (kind) {
            case SKU -> logic.querySku(subjectId, result);
            case ORDER -> logic.queryOrder(subjectId, result);
            case STATE_HASH -> logic.queryStateHash(result);
            case COUNTERS -> logic.queryCounters(result);
            case SNAPSHOT -> result.failed("snapshots are taken by the pipeline, not the business logic");
        }
    }
}
