package io.surge.engine.pipeline;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * Halts journaling before the disk fills. A memory-mapped journal that runs out of disk does not
 * get a tidy error: the write faults. So the journal thread checks free space (at most every
 * 50 ms) and refuses to append below {@code journal.minFreeBytes}.
 */
final class DiskSpaceGuard {
    private static final long CHECK_INTERVAL_NANOS = 50_000_000L;

    private final Path directory;
    private final long minFreeBytes;
    private final LongSupplier usableBytes;
    private long lastCheckNanos;
    private boolean checkedOnce;

    DiskSpaceGuard(Path directory, long minFreeBytes, LongSupplier usableBytes) {
        this.directory = directory;
        this.minFreeBytes = minFreeBytes;
        this.usableBytes = usableBytes;
    }

    /**
     * Free space on the journal's file system. The file store is looked up once (and again after
     * a failure): finding it reads the mount table, about 100 µs and some garbage on the journal
     * thread, while asking a known store is one {@code statvfs} call.
     */
    static LongSupplier usableSpaceOf(Path directory) {
        return new LongSupplier() {
            private FileStore store;

            @Override
            public long getAsLong() {
                try {
                    if (store == null) {
                        store = Files.getFileStore(directory);
                    }
                    return store.getUsableSpace();
                } catch (IOException e) {
                    store = null;
                    return 0;
                }
            }
        };
    }

    void check() throws IOException {
        if (minFreeBytes <= 0) {
            return;
        }
        final long now = System.nanoTime();
        if (checkedOnce && now - lastCheckNanos < CHECK_INTERVAL_NANOS) {
            return;
        }
        checkedOnce = true;
        lastCheckNanos = now;
        final long free = usableBytes.getAsLong();
        if (free < minFreeBytes) {
            throw new IOException("journal disk nearly full: " + free + " bytes free at " + directory
                + ", below journal.minFreeBytes (" + minFreeBytes + ")");
        }
    }
}
