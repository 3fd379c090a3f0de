package io.surge.engine.snapshot;

import io.surge.engine.domain.BusinessLogic;
import io.surge.engine.domain.StateInput;
import io.surge.engine.domain.StateOutput;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Snapshot files in one directory: {@code snapshot-<sequence>.snap}, each a 64-byte header and
 * the serialized state. Files are written to a temporary name, forced to disk and renamed, so a
 * crash leaves either the whole snapshot or none. Loading checks both checksums, decodes the
 * state and recomputes its hash; any disagreement makes the file unusable.
 * <p>
 * Header (little-endian): magic "SURGSNAP", format, reserved, sequence, journal position,
 * created-at, state hash, state length, CRC32C of the state, CRC32C of the header before it.
 */
public final class SnapshotStore {
    private static final long MAGIC = 0x50414E5347525553L; // "SURGSNAP" read as a little-endian long
    private static final int FORMAT = 1;
    static final int HEADER_LENGTH = 64;
    private static final int READ_CHUNK_BYTES = StateOutput.DEFAULT_CHUNK_BYTES;
    private static final String PREFIX = "snapshot-";
    private static final String SUFFIX = ".snap";

    private final Path directory;
    private final int keep;

    public SnapshotStore(Path directory, int keep) {
        this.directory = directory;
        this.keep = keep;
    }

    public Path directory() {
        return directory;
    }

    /** Snapshot files, newest (highest sequence) first. Temporary files are ignored. */
    public List<Path> newestFirst() throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(SnapshotStore::isSnapshotFile)
                .sorted(Comparator.comparingLong(SnapshotStore::sequenceOf).reversed())
                .toList();
        }
    }

    /** Writes a snapshot durably and keeps only the newest {@code keep}. Returns what was written. */
    public SnapshotInfo write(long sequence, long journalPosition, long stateHash, StateOutput state) throws IOException {
        Files.createDirectories(directory);
        final Path file = directory.resolve(String.format("%s%020d%s", PREFIX, sequence, SUFFIX));
        final Path temporary = directory.resolve(file.getFileName() + ".tmp");
        final long createdAtMs = System.currentTimeMillis();
        final long stateLength = state.length();
        final ByteBuffer header = header(sequence, journalPosition, createdAtMs, stateHash, checksum(state), stateLength);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            writeFully(channel, header);
            for (int i = 0; i < state.chunkCount(); i++) {
                writeFully(channel, state.chunkBytes(i));
            }
            channel.force(true);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory();
        prune();
        return new SnapshotInfo(file, sequence, journalPosition, stateHash, createdAtMs, stateLength);
    }

    /** Reads and checks a snapshot; throws {@link DamagedSnapshotException} naming what is wrong. */
    public LoadedSnapshot load(Path file) throws IOException {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(HEADER_LENGTH));
        final StateInput state;
        final long stateLength;
        final CRC32C crc = new CRC32C();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            final long size = channel.size();
            if (size < HEADER_LENGTH) {
                throw new DamagedSnapshotException(file, "size " + size + " bytes is impossible");
            }
            readFully(channel, buffer.byteBuffer().clear());
            checkHeader(file, buffer);
            stateLength = buffer.getLong(48, ByteOrder.LITTLE_ENDIAN);
            if (stateLength != size - HEADER_LENGTH) {
                throw new DamagedSnapshotException(file, "state length " + stateLength + " disagrees with the file size");
            }
            state = readState(channel, stateLength, crc);
        }
        if (buffer.getInt(56, ByteOrder.LITTLE_ENDIAN) != (int) crc.getValue()) {
            throw new DamagedSnapshotException(file, "state checksum mismatch");
        }
        final long sequence = buffer.getLong(16, ByteOrder.LITTLE_ENDIAN);
        final long journalPosition = buffer.getLong(24, ByteOrder.LITTLE_ENDIAN);
        final long createdAtMs = buffer.getLong(32, ByteOrder.LITTLE_ENDIAN);
        final long stateHash = buffer.getLong(40, ByteOrder.LITTLE_ENDIAN);
        final BusinessLogic logic;
        try {
            logic = BusinessLogic.readFrom(state);
        } catch (RuntimeException e) {
            throw new DamagedSnapshotException(file, "state does not decode: " + e.getMessage());
        }
        if (logic.appliedSequence() != sequence) {
            throw new DamagedSnapshotException(file, "state is at sequence " + logic.appliedSequence() + ", header says " + sequence);
        }
        if (logic.stateHash() != stateHash) {
            throw new DamagedSnapshotException(file, "state hash differs from the one recorded");
        }
        return new LoadedSnapshot(new SnapshotInfo(file, sequence, journalPosition, stateHash, createdAtMs, stateLength), logic);
    }

    private static void checkHeader(Path file, UnsafeBuffer header) throws DamagedSnapshotException {
        final ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        if (header.getLong(0, order) != MAGIC) {
            throw new DamagedSnapshotException(file, "not a Surge snapshot (bad magic)");
        }
        if (header.getInt(60, order) != headerChecksum(header.byteBuffer())) {
            throw new DamagedSnapshotException(file, "header checksum mismatch");
        }
        if (header.getInt(8, order) != FORMAT) {
            throw new DamagedSnapshotException(file, "format " + header.getInt(8, order) + " is not " + FORMAT);
        }
    }

    /** The state in chunks of at most 16 MiB (so no state is too large for one buffer), checksummed as read. */
    private static StateInput readState(FileChannel channel, long length, CRC32C crc) throws IOException {
        final int chunkCount = (int) Math.max(1, (length + READ_CHUNK_BYTES - 1) / READ_CHUNK_BYTES);
        final UnsafeBuffer[] chunks = new UnsafeBuffer[chunkCount];
        final int[] lengths = new int[chunkCount];
        long remaining = length;
        for (int i = 0; i < chunkCount; i++) {
            lengths[i] = (int) Math.min(READ_CHUNK_BYTES, remaining);
            final ByteBuffer bytes = ByteBuffer.allocateDirect(lengths[i]);
            readFully(channel, bytes);
            crc.update(bytes.flip());
            chunks[i] = new UnsafeBuffer(bytes);
            remaining -= lengths[i];
        }
        return new StateInput(chunks, lengths);
    }

    private static void readFully(FileChannel channel, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            if (channel.read(bytes) < 0) {
                throw new IOException("the file ended early"); // it shrank since its size was read
            }
        }
    }

    /** CRC-32C of the header's first 60 bytes (the last 4 hold it). */
    private static int headerChecksum(ByteBuffer header) {
        final CRC32C crc = new CRC32C();
        crc.update(header.duplicate().limit(60).position(0));
        return (int) crc.getValue();
    }

    /** CRC-32C of the state, chunk after chunk. */
    private static int checksum(StateOutput state) {
        final CRC32C crc = new CRC32C();
        for (int i = 0; i < state.chunkCount(); i++) {
            crc.update(state.chunkBytes(i));
        }
        return (int) crc.getValue();
    }

    private static ByteBuffer header(
        long sequence, long journalPosition, long createdAtMs, long stateHash, int stateChecksum, long stateLength) {
        final ByteBuffer header = ByteBuffer.allocateDirect(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        header.putLong(0, MAGIC);
        header.putInt(8, FORMAT);
        header.putInt(12, 0);
        header.putLong(16, sequence);
        header.putLong(24, journalPosition);
        header.putLong(32, createdAtMs);
        header.putLong(40, stateHash);
        header.putLong(48, stateLength);
        header.putInt(56, stateChecksum);
        header.putInt(60, headerChecksum(header));
        return header;
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private void forceDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Some file systems cannot open a directory; the rename is then as durable as they allow.
        }
    }

    private void prune() throws IOException {
        final List<Path> snapshots = new ArrayList<>(newestFirst());
        for (int i = keep; i < snapshots.size(); i++) {
            Files.deleteIfExists(snapshots.get(i));
        }
    }

    private static boolean isSnapshotFile(Path file) {
        final String name = file.getFileName().toString();
        return name.startsWith(PREFIX) && name.endsWith(SUFFIX) && sequenceOf(file) >= 0;
    }

    private static long sequenceOf(Path file) {
        final String name = file.getFileName().toString();
        try {
            return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return -1;
        }
    }
}
