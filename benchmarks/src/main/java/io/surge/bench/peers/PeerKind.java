package io.surge.bench.peers;

import java.util.Locale;

/** The systems Surge is compared with, as named on the command line and in result files. */
public enum PeerKind {
    REDIS("redis", "Redis", 16379),
    POSTGRES("postgres", "PostgreSQL", 15432);

    private final String cliName;
    private final String displayName;
    private final int defaultPort;

    PeerKind(String cliName, String displayName, int defaultPort) {
        this.cliName = cliName;
        this.displayName = displayName;
        this.defaultPort = defaultPort;
    }

    /** The name on the command line and in result file names: "redis", "postgres". */
    public String cliName() {
        return cliName;
    }

    /** The name in tables: "Redis", "PostgreSQL". */
    public String displayName() {
        return displayName;
    }

    /** The port run-peers starts this peer on (not the peer's usual one, so as not to meet a running instance). */
    public int defaultPort() {
        return defaultPort;
    }

    /** The peer for a command-line name, case-insensitive. */
    public static PeerKind fromCliName(String name) {
        final String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (PeerKind kind : values()) {
            if (kind.cliName.equals(wanted)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown peer '" + name + "'; valid ones: redis, postgres");
    }
}
