package io.surge.engine.snapshot;

import java.io.IOException;
import java.nio.file.Path;

/** A snapshot file that cannot be trusted; recovery skips it with a warning. */
public final class DamagedSnapshotException extends IOException {
    private static final long serialVersionUID = 1L;

    public DamagedSnapshotException(Path file, String problem) {
        super(file.getFileName() + ": " + problem);
    }
}
