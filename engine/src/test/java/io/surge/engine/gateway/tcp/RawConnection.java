package io.surge.engine.gateway.tcp;

import io.surge.engine.gateway.wire.ErrorResponseDecoder;
import io.surge.engine.gateway.wire.HelloEncoder;
import io.surge.engine.gateway.wire.MessageHeaderDecoder;
import io.surge.engine.gateway.wire.MessageHeaderEncoder;
import io.surge.engine.gateway.wire.OrderResponseDecoder;
import io.surge.engine.gateway.wire.PlaceOrderRequestEncoder;
import io.surge.engine.gateway.wire.WelcomeDecoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** A plain blocking socket speaking the wire format byte by byte, for protocol tests. */
final class RawConnection implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    RawConnection(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
    }

    Socket socket() {
        return socket;
    }

    /** Sends a frame: the little-endian length then the body. */
    void sendFrame(byte[] body) throws IOException {
        final ByteBuffer frame = ByteBuffer.allocate(4 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        frame.putInt(body.length).put(body);
        out.write(frame.array());
        out.flush();
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads one frame body, or null when the server closed the connection. */
    byte[] readFrame() throws IOException {
        final byte[] lengthBytes = new byte[4];
        try {
            in.readFully(lengthBytes);
        } catch (EOFException e) {
            return null;
        }
        final int length = ByteBuffer.wrap(lengthBytes).order(ByteOrder.LITTLE_ENDIAN).getInt();
        final byte[] body = new byte[length];
        in.readFully(body);
        return body;
    }

    /** True when the server closes the connection within the socket timeout. */
    boolean isClosedByServer() throws IOException {
        try {
            while (true) {
                if (readFrame() == null) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    void hello() throws IOException {
        sendFrame(Wire.hello(1));
        final List<Wire.Message> welcome = Wire.parse(readFrame());
        if (welcome.size() != 1 || welcome.get(0).templateId() != WelcomeDecoder.TEMPLATE_ID) {
            throw new IllegalStateException("expected Welcome, got " + welcome);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Encoding and decoding of test messages with the generated codecs. */
    static final class Wire {
        private Wire() {
        }

        record Message(int templateId, long correlationId, int status, int reason, int errorCode, String text) {
        }

        static byte[] hello(int version) {
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
            new HelloEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).protocolVersion(version);
            return slice(buffer, MessageHeaderEncoder.ENCODED_LENGTH + HelloEncoder.BLOCK_LENGTH);
        }

        static byte[] place(long correlationId, long orderId, long customerId, long sku, int quantity, long price) {
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
            final PlaceOrderRequestEncoder encoder = new PlaceOrderRequestEncoder();
            encoder.wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
                .correlationId(correlationId).orderId(orderId).customerId(customerId)
                .linesCount(1).next().sku(sku).quantity(quantity).unitPriceCents(price);
            return slice(buffer, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
        }

        static byte[] concat(byte[]... parts) {
            int length = 0;
            for (byte[] part : parts) {
                length += part.length;
            }
            final byte[] all = new byte[length];
            int at = 0;
            for (byte[] part : parts) {
                System.arraycopy(part, 0, all, at, part.length);
                at += part.length;
            }
            return all;
        }

        static List<Message> parse(byte[] frame) {
            final List<Message> messages = new ArrayList<>();
            if (frame == null) {
                return messages;
            }
            final UnsafeBuffer buffer = new UnsafeBuffer(frame);
            final MessageHeaderDecoder header = new MessageHeaderDecoder();
            int position = 0;
            while (position < frame.length) {
                header.wrap(buffer, position);
                final int body = position + MessageHeaderDecoder.ENCODED_LENGTH;
                final int templateId = header.templateId();
                switch (templateId) {
                    case OrderResponseDecoder.TEMPLATE_ID -> {
                        final OrderResponseDecoder response = new OrderResponseDecoder()
                            .wrap(buffer, body, header.blockLength(), header.version());
                        messages.add(new Message(templateId, response.correlationId(), response.status(), response.reason(), 0, null));
                        position = body + header.blockLength();
                    }
                    case ErrorResponseDecoder.TEMPLATE_ID -> {
                        final ErrorResponseDecoder error = new ErrorResponseDecoder()
                            .wrap(buffer, body, header.blockLength(), header.version());
                        final long correlationId = error.correlationId();
                        final int code = error.code();
                        final String text = error.message();
                        messages.add(new Message(templateId, correlationId, 0, 0, code, text));
                        position = error.limit();
                    }
                    default -> {
                        messages.add(new Message(templateId, 0, 0, 0, 0, null));
                        position = body + header.blockLength();
                    }
                }
            }
            return messages;
        }

        private static byte[] slice(UnsafeBuffer buffer, int length) {
            final byte[] bytes = new byte[length];
            buffer.getBytes(0, bytes);
            return bytes;
        }
    }
}
