package io.surge.engine.codec;

import io.surge.engine.codec.sbe.DefineSaleDecoder;
import io.surge.engine.codec.sbe.FulfilmentRequestedDecoder;
import io.surge.engine.codec.sbe.MessageHeaderDecoder;
import io.surge.engine.codec.sbe.PlaceOrderDecoder;
import org.agrona.DirectBuffer;

/**
 * Walks the messages of a journal entry: the command first, then its events. Messages with
 * repeating groups are measured with their SBE decoders, so this stays correct as the schema
 * grows. Reusable and allocation-free; one instance per thread.
 */
public final class EntryReader {
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final PlaceOrderDecoder placeOrder = new PlaceOrderDecoder();
    private final DefineSaleDecoder defineSale = new DefineSaleDecoder();
    private final FulfilmentRequestedDecoder fulfilmentRequested = new FulfilmentRequestedDecoder();

    /** Receives one message of an entry. {@code index} 0 is the command. */
    @FunctionalInterface
    public interface MessageVisitor {
        void onMessage(int index, int templateId, DirectBuffer buffer, int bodyOffset, int blockLength, int version);
    }

    /**
     * Visits every message of the sound entry at {@code offset} (check it first with
     * {@link EntryHeader#problem}). Returns the number of messages visited.
     */
    public int forEachMessage(DirectBuffer buffer, int offset, MessageVisitor visitor) {
        final int end = offset + EntryHeader.LENGTH + EntryHeader.bodyLength(buffer, offset);
        final int messages = 1 + EntryHeader.eventCount(buffer, offset);
        int position = offset + EntryHeader.LENGTH;
        for (int index = 0; index < messages; index++) {
            if (position + MessageHeaderDecoder.ENCODED_LENGTH > end) {
                throw new IllegalStateException("entry ends inside message " + index);
            }
            header.wrap(buffer, position);
            final int templateId = header.templateId();
            final int blockLength = header.blockLength();
            final int version = header.version();
            final int body = position + MessageHeaderDecoder.ENCODED_LENGTH;
            visitor.onMessage(index, templateId, buffer, body, blockLength, version);
            position = body + bodyLength(templateId, buffer, body, blockLength, version);
        }
        return messages;
    }

    /**
     * The length of the entry's header plus its command message (the part a replay re-executes),
     * or -1 when the recorded lengths cannot hold it.
     */
    public int commandEnd(DirectBuffer buffer, int offset, int length) {
        final int body = EntryHeader.LENGTH + MessageHeaderDecoder.ENCODED_LENGTH;
        if (length < body) {
            return -1;
        }
        header.wrap(buffer, offset + EntryHeader.LENGTH);
        final int end = body + bodyLength(header.templateId(), buffer, offset + body, header.blockLength(), header.version());
        return end <= length ? end : -1;
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
}
