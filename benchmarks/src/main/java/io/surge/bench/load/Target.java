package io.surge.bench.load;

/**
 * Opens connections to one target; owns what they share (the network threads). Connections are
 * opened from the calling thread before the run; {@link #close} after every connection is closed.
 */
public interface Target extends AutoCloseable {
    /** Opens connection number {@code index}. */
    TargetConnection connect(int index);

    @Override
    void close();

    /** A target for the address: the Surge client over TCP, Netty's HTTP/1.1 client over HTTP. */
    static Target open(TargetAddress address, int ioThreads) {
        return switch (address.protocol()) {
            case TCP -> new TcpTarget(address, ioThreads);
            case HTTP -> new HttpTarget(address, ioThreads);
        };
    }
}
