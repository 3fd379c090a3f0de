package io.surge.replay;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Surge data directory as the tools see it: {@code journal/} (required) and {@code snapshots/}
 * (optional). Checked up front, so a wrong path is one clear line, not a stack trace.
 */
public record DataDir(Path root, Path journal, Path snapshots) {

    public static DataDir of(Path root) {
        if (!Files.exists(root)) {
            throw new ReplayException(root + ": no such directory");
        }
        if (!Files.isDirectory(root)) {
            throw new ReplayException(root + ": not a directory");
        }
        if (!Files.isReadable(root)) {
            throw new ReplayException(root + ": not readable");
        }
        final Path journal = root.resolve("journal");
        if (!Files.isDirectory(journal)) {
            throw new ReplayException(root + ": holds no journal (expected " + journal + ")");
        }
        if (!Files.isReadable(journal)) {
            throw new ReplayException(journal + ": not readable");
        }
        return new DataDir(root, journal, root.resolve("snapshots"));
    }
}
