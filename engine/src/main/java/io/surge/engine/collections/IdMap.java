package io.surge.engine.collections;

/** A map from id ({@code long}) to a non-negative {@code int} value; -1 means absent. */
interface IdMap {
    int size();

    /** The value of a key, or -1 when absent. */
    int get(long key);

    /** Maps a key to a value (not negative), replacing any earlier value. */
    void put(long key, int value);

    /** Removes a key; returns its value, or -1 when it was absent. */
    int remove(long key);

    void clear();
}
