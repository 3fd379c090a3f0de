package io.surge.engine.gateway.tcp;

import io.surge.engine.gateway.wire.CancelOrderRequestDecoder;
import io.surge.engine.gateway.wire.ConfirmPaymentRequestDecoder;
import io.surge.engine.gateway.wire.GroupSizeEncodingDecoder;
import io.surge.engine.gateway.wire.HelloDecoder;
import io.surge.engine.gateway.wire.MessageHeaderDecoder;
import io.surge.engine.gateway.wire.PingDecoder;
import io.surge.engine.gateway.wire.PlaceOrderRequestDecoder;
import org.agrona.DirectBuffer;

/**
 * Checks a whole frame before any of it reaches the engine: every message complete, of a known
 * type, of our schema, the first message of a connection a {@code Hello} of version 1. A frame
 * that fails is rejected whole (docs/protocol.md), so a half-bad frame changes nothing.
 * Allocation-free except for the problem text; one instance per connection (event-loop thread).
 */
final class FrameCheck {
    static final int PROTOCOL_VERSION = 1;
    static final int PLACE_LINE_BLOCK = 20;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final HelloDecoder hello = new HelloDecoder();
    private WireError error;
    private String problem;

    WireError error() {
        return error;
    }

    String problem() {
        return problem;
    }

    /** True when the frame is sound; otherwise {@link #error()} and {@link #problem()} say why. */
    boolean check(DirectBuffer frame, int length, boolean helloSeen) {
        error = null;
        problem = null;
        if (length < MessageHeaderDecoder.ENCODED_LENGTH) {
            return fail(WireError.MALFORMED_FRAME, "frame length " + length + ": a frame holds at least one message"
                + " header (" + MessageHeaderDecoder.ENCODED_LENGTH + " bytes)");
        }
        int position = 0;
        boolean first = !helloSeen;
        while (position < length) {
            if (length - position < MessageHeaderDecoder.ENCODED_LENGTH) {
                return fail(WireError.MALFORMED_FRAME, "a message header is cut short at byte " + position);
            }
            header.wrap(frame, position);
            if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID) {
                return fail(WireError.MALFORMED_FRAME, "schema id " + header.schemaId() + " at byte " + position
                    + " is not " + MessageHeaderDecoder.SCHEMA_ID);
            }
            final int templateId = header.templateId();
            final int blockLength = header.blockLength();
            final int body = position + MessageHeaderDecoder.ENCODED_LENGTH;
            if (first && templateId != HelloDecoder.TEMPLATE_ID) {
                return fail(WireError.HELLO_REQUIRED, "the first message must be Hello, was template " + templateId);
            }
            final int known = knownBlockLength(templateId);
            if (known < 0) {
                return fail(WireError.UNKNOWN_MESSAGE, "template id " + templateId + " at byte " + position + " is not a request");
            }
            if (blockLength < known || body + blockLength > length) {
                return fail(WireError.MALFORMED_FRAME, "message at byte " + position + " (template " + templateId
                    + ") has block length " + blockLength + ", needs " + known + " within the frame");
            }
            int end = body + blockLength;
            if (templateId == HelloDecoder.TEMPLATE_ID) {
                final int version = hello.wrap(frame, body, blockLength, header.version()).protocolVersion();
                if (version != PROTOCOL_VERSION) {
                    return fail(WireError.UNSUPPORTED_VERSION, "protocol version " + version + " is not supported; this server speaks "
                        + PROTOCOL_VERSION);
                }
            } else if (templateId == PlaceOrderRequestDecoder.TEMPLATE_ID) {
                if (end + GroupSizeEncodingDecoder.ENCODED_LENGTH > length) {
                    return fail(WireError.MALFORMED_FRAME, "the lines of the order at byte " + position + " are cut short");
                }
                final int entryLength = frame.getShort(end, java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
                final int entries = frame.getShort(end + 2, java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
                if (entryLength < PLACE_LINE_BLOCK) {
                    return fail(WireError.MALFORMED_FRAME, "order line block length " + entryLength + " is under " + PLACE_LINE_BLOCK);
                }
                end += GroupSizeEncodingDecoder.ENCODED_LENGTH + entries * entryLength;
                if (end > length) {
                    return fail(WireError.MALFORMED_FRAME, "the " + entries + " lines of the order at byte " + position
                        + " run past the end of the frame");
                }
            }
            first = false;
            position = end;
        }
        return true;
    }

    private boolean fail(WireError error, String problem) {
        this.error = error;
        this.problem = problem;
        return false;
    }

    private static int knownBlockLength(int templateId) {
        return switch (templateId) {
            case HelloDecoder.TEMPLATE_ID -> HelloDecoder.BLOCK_LENGTH;
            case PlaceOrderRequestDecoder.TEMPLATE_ID -> PlaceOrderRequestDecoder.BLOCK_LENGTH;
            case ConfirmPaymentRequestDecoder.TEMPLATE_ID -> ConfirmPaymentRequestDecoder.BLOCK_LENGTH;
            case CancelOrderRequestDecoder.TEMPLATE_ID -> CancelOrderRequestDecoder.BLOCK_LENGTH;
            case PingDecoder.TEMPLATE_ID -> PingDecoder.BLOCK_LENGTH;
            default -> -1;
        };
    }
}
