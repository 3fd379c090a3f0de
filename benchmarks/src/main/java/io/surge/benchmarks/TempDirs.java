package io.surge.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Temporary folders under {@code java.io.tmpdir} for the benchmarks that write files. Each is
 * deleted by the benchmark's tear-down; a shutdown hook deletes any that are left (a failed or
 * interrupted fork), so benchmarks never leave journals behind. Thread-safe.
 */
final class TempDirs {
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path dir : LIVE) {
                deleteQuietly(dir);
            }
        }, "surge-bench-tempdirs"));
    }

    private TempDirs() {
    }

    /** A new, empty folder {@code <java.io.tmpdir>/<prefix><random>}. */
    static Path create(String prefix) {
        try {
            final Path dir = Files.createTempDirectory(prefix);
            LIVE.add(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder", e);
        }
    }

    /** Deletes the folder and everything in it; null and missing folders are ignored. */
    static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        deleteQuietly(dir);
        if (Files.exists(dir)) {
            throw new IllegalStateException("could not delete " + dir);
        }
        LIVE.remove(dir);
    }

    /** Bytes the files under {@code dir} occupy (apparent size). */
    static long size(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // reported by the caller's existence check
        }
    }
}
