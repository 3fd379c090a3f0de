package io.surge.engine.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the engine may still promise anything. Once the journal fails (disk full, I/O error)
 * or the business logic throws, the engine halts for good: it stops acknowledging and answers
 * every command FAILED, so no caller is ever told about something the journal does not hold.
 * A restart recovers from the journal. Thread-safe.
 */
public final class EngineHealth {
    private static final Logger LOG = LoggerFactory.getLogger(EngineHealth.class);

    private volatile String haltReason;

    public boolean isHalted() {
        return haltReason != null;
    }

    /** Why the engine halted, or null while it runs. */
    public String haltReason() {
        return haltReason;
    }

    public synchronized void halt(String reason, Throwable cause) {
        if (haltReason == null) {
            haltReason = reason;
            LOG.error("Engine halted, no further commands will be acknowledged: {}", reason, cause);
        }
    }

    /**
     * A failure and, when it differs, its root cause: libraries wrap the operating system's
     * answer ("No space left on device", "File too large") in their own exceptions, and that
     * answer is what tells an operator what to fix.
     */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? failure.toString() : failure + "; cause: " + root;
    }
}
