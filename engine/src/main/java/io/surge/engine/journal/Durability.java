package io.surge.engine.journal;

/** How far an acknowledged entry has travelled before the caller hears about it. */
public enum Durability {
    /** Written to the memory-mapped journal (the OS page cache): survives a process crash. */
    PAGE_CACHE("page-cache"),
    /** Forced to disk once per batch before anyone in the batch is acknowledged: survives power loss. */
    FSYNC("fsync");

    private final String configName;

    Durability(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** The mode for a configuration value, or null. */
    public static Durability fromConfigName(String name) {
        for (Durability durability : values()) {
            if (durability.configName.equals(name)) {
                return durability;
            }
        }
        return null;
    }
}
