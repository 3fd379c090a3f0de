package io.surge.replay;

import io.surge.engine.codec.EntryHeader;
import io.surge.engine.codec.sbe.AdjustStockDecoder;
import io.surge.engine.codec.sbe.CancelOrderDecoder;
import io.surge.engine.codec.sbe.CommandRejectedDecoder;
import io.surge.engine.codec.sbe.ConfigureDecoder;
import io.surge.engine.codec.sbe.ConfirmPaymentDecoder;
import io.surge.engine.codec.sbe.DefineSaleDecoder;
import io.surge.engine.codec.sbe.DefineSkuDecoder;
import io.surge.engine.codec.sbe.EngineConfiguredDecoder;
import io.surge.engine.codec.sbe.FulfilmentRequestedDecoder;
import io.surge.engine.codec.sbe.MessageHeaderDecoder;
import io.surge.engine.codec.sbe.OrderCancelledDecoder;
import io.surge.engine.codec.sbe.OrderRejectedDecoder;
import io.surge.engine.codec.sbe.OrderReservedDecoder;
import io.surge.engine.codec.sbe.PaymentConfirmedDecoder;
import io.surge.engine.codec.sbe.PlaceOrderDecoder;
import io.surge.engine.codec.sbe.ReservationExpiredDecoder;
import io.surge.engine.codec.sbe.SaleDefinedDecoder;
import io.surge.engine.codec.sbe.SkuDefinedDecoder;
import io.surge.engine.codec.sbe.SkuSoldOutDecoder;
import io.surge.engine.codec.sbe.StockAdjustedDecoder;
import io.surge.engine.codec.sbe.TickDecoder;
import org.agrona.DirectBuffer;

/**
 * Checks that a sound entry decodes: its command, then exactly {@code eventCount} events, each a
 * Surge message of a known type and a version this build reads, laid end to end to the entry's
 * last byte. Messages with repeating groups are measured by their SBE decoders (the engine's
 * codec, not a copy of it). Allocation-free; one instance per thread.
 */
final class MessageWalk {
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final PlaceOrderDecoder placeOrder = new PlaceOrderDecoder();
    private final DefineSaleDecoder defineSale = new DefineSaleDecoder();
    private final FulfilmentRequestedDecoder fulfilmentRequested = new FulfilmentRequestedDecoder();

    /** Why the sound entry at {@code offset} does not decode, or null when it does. */
    String problem(DirectBuffer entry, int offset, int length) {
        final int end = offset + length;
        final int messages = 1 + EntryHeader.eventCount(entry, offset);
        int position = offset + EntryHeader.LENGTH;
        for (int index = 0; index < messages; index++) {
            if (position + MessageHeaderDecoder.ENCODED_LENGTH > end) {
                return "the entry ends before " + what(index, messages);
            }
            header.wrap(entry, position);
            if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID) {
                return what(index, messages) + " is not a Surge message (schema " + header.schemaId() + ")";
            }
            final int templateId = header.templateId();
            final String name = name(templateId);
            if (name == null || isCommand(templateId) != (index == 0)) {
                return what(index, messages) + " has message type " + templateId + ", not a known " + (index == 0 ? "command" : "event");
            }
            if (index == 0 && templateId != EntryHeader.entryType(entry, offset)) {
                return "the header says entry type " + EntryHeader.entryType(entry, offset) + " but the command is " + name;
            }
            if (header.version() > MessageHeaderDecoder.SCHEMA_VERSION) {
                return what(index, messages) + " (" + name + ") has schema version " + header.version() + ", newer than this tool's "
                    + MessageHeaderDecoder.SCHEMA_VERSION;
            }
            final int body = position + MessageHeaderDecoder.ENCODED_LENGTH;
            if (body + header.blockLength() > end) {
                return what(index, messages) + " (" + name + ") runs past the end of the entry";
            }
            final int bodyLength;
            try {
                bodyLength = bodyLength(templateId, entry, body, header.blockLength(), header.version());
            } catch (IndexOutOfBoundsException e) {
                return what(index, messages) + " (" + name + ") runs past the end of the entry";
            }
            position = body + bodyLength;
            if (position > end) {
                return what(index, messages) + " (" + name + ") runs past the end of the entry";
            }
        }
        return position == end ? null : (end - position) + " bytes are left over after the last message";
    }

    private static String what(int index, int messages) {
        return index == 0 ? "the command" : "event " + index + " of " + (messages - 1);
    }

    private int bodyLength(int templateId, DirectBuffer buffer, int body, int blockLength, int version) {
        return switch (templateId) {
            case PlaceOrderDecoder.TEMPLATE_ID -> placeOrder.wrap(buffer, body, blockLength, version).sbeDecodedLength();
            case DefineSaleDecoder.TEMPLATE_ID -> defineSale.wrap(buffer, body, blockLength, version).sbeDecodedLength();
            case FulfilmentRequestedDecoder.TEMPLATE_ID ->
                fulfilmentRequested.wrap(buffer, body, blockLength, version).sbeDecodedLength();
            default -> blockLength;
        };
    }

    private static boolean isCommand(int templateId) {
        return templateId < OrderReservedDecoder.TEMPLATE_ID;
    }

    /** The message type's name, or null for a type this build does not know or that is never journaled. */
    static String name(int templateId) {
        return switch (templateId) {
            case PlaceOrderDecoder.TEMPLATE_ID -> "PlaceOrder";
            case ConfirmPaymentDecoder.TEMPLATE_ID -> "ConfirmPayment";
            case CancelOrderDecoder.TEMPLATE_ID -> "CancelOrder";
            case DefineSkuDecoder.TEMPLATE_ID -> "DefineSku";
            case AdjustStockDecoder.TEMPLATE_ID -> "AdjustStock";
            case DefineSaleDecoder.TEMPLATE_ID -> "DefineSale";
            case TickDecoder.TEMPLATE_ID -> "Tick";
            case ConfigureDecoder.TEMPLATE_ID -> "Configure";
            case OrderReservedDecoder.TEMPLATE_ID -> "OrderReserved";
            case OrderRejectedDecoder.TEMPLATE_ID -> "OrderRejected";
            case PaymentConfirmedDecoder.TEMPLATE_ID -> "PaymentConfirmed";
            case FulfilmentRequestedDecoder.TEMPLATE_ID -> "FulfilmentRequested";
            case OrderCancelledDecoder.TEMPLATE_ID -> "OrderCancelled";
            case ReservationExpiredDecoder.TEMPLATE_ID -> "ReservationExpired";
            case SkuDefinedDecoder.TEMPLATE_ID -> "SkuDefined";
            case StockAdjustedDecoder.TEMPLATE_ID -> "StockAdjusted";
            case SaleDefinedDecoder.TEMPLATE_ID -> "SaleDefined";
            case SkuSoldOutDecoder.TEMPLATE_ID -> "SkuSoldOut";
            case CommandRejectedDecoder.TEMPLATE_ID -> "CommandRejected";
            case EngineConfiguredDecoder.TEMPLATE_ID -> "EngineConfigured";
            default -> null;
        };
    }
}
