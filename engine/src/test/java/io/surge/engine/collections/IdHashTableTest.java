package io.surge.engine.collections;

class IdHashTableTest extends IdMapContract {
    @Override
    IdMap create(int expectedEntries) {
        return new IdHashTable(expectedEntries);
    }
}
