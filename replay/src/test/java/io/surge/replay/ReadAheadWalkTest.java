package io.surge.replay;

import io.surge.engine.codec.EntryHeader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadAheadWalkTest {
    /** Small enough that the fixture's journal wraps it many times and its largest entries do not fit a message. */
    private static final int SMALL_RING = 4096;

    @TempDir
    static Path folder;
    static Path data;
    static List<Seen> everyEntry;

    /** One entry as a visitor saw it. */
    record Seen(long sequence, long position, byte[] bytes) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Seen seen && seen.sequence == sequence && seen.position == position
                && Arrays.equals(seen.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(sequence);
        }
    }

    @BeforeAll
    static void writeJournal() throws Exception {
        final JournalFixture fixture = new JournalFixture(folder.resolve("data"));
        data = fixture.dataDir;
        fixture.write(1, 600);
        everyEntry = new ArrayList<>();
        try (JournalWalk walk = new JournalWalk(DataDir.of(data))) {
            assertNull(walk.walk((entry, length, position) -> everyEntry.add(seen(entry, length, position))));
        }
    }

    @Test
    void handsOverWhatTheWalkReadsInOrderThroughAWrappingRingAndLargeEntries() {
        final int largest = everyEntry.stream().mapToInt(seen -> seen.bytes.length).max().orElseThrow();
        assertTrue(largest > SMALL_RING / 8, "the fixture has an entry too large for a small ring's message: " + largest);
        final List<Seen> handed = new ArrayList<>();
        try (JournalWalk walk = new JournalWalk(DataDir.of(data))) {
            final JournalProblem problem = new ReadAheadWalk(walk, null, SMALL_RING).walk((entry, length, position) -> {
                handed.add(seen(entry, length, position));
                if (handed.size() % 50 == 0) {
                    LockSupport.parkNanos(1_000_000); // a slow caller: the reader waits for room
                }
                entry.setMemory(0, length, (byte) 0x5A); // the copy is the visitor's to change
                return true;
            });
            assertNull(problem);
        }
        assertEquals(everyEntry, handed);
    }

    @Test
    void aVisitorThatStopsEndsTheWalkWithoutAProblem() {
        final List<Seen> handed = new ArrayList<>();
        try (JournalWalk walk = new JournalWalk(DataDir.of(data))) {
            final ReadAheadWalk readAhead = new ReadAheadWalk(walk, null, SMALL_RING);
            assertNull(readAhead.walk((entry, length, position) -> handed.add(seen(entry, length, position)) && handed.size() < 10));
            assertEquals(everyEntry.subList(0, 10), handed);
            assertEquals(everyEntry.get(9).position(), readAhead.lastPosition());
        }
        assertNoReaderLeft();
    }

    @Test
    void aFailedCheckEndsTheWalkAfterTheEntriesBeforeIt() {
        final List<Long> handed = new ArrayList<>();
        final JournalProblem problem;
        try (JournalWalk walk = new JournalWalk(DataDir.of(data))) {
            problem = new ReadAheadWalk(walk, (entry, length, position) -> EntryHeader.sequence(entry, 0) == 50
                ? new JournalProblem(50, position, "checked and refused") : null, SMALL_RING)
                .walk((entry, length, position) -> handed.add(EntryHeader.sequence(entry, 0)));
        }
        assertNotNull(problem);
        assertEquals(50, problem.sequence());
        assertEquals("checked and refused", problem.reason());
        assertEquals(49, handed.size());
        assertEquals(49L, handed.get(48));
    }

    @Test
    void aDamagedEntryIsReportedAsTheWalkReportsIt(@TempDir Path scratch) throws Exception {
        final Path damaged = DamagedJournals.copy(data, scratch.resolve("damaged"));
        DamagedJournals.flipByteInEntry(damaged, 100, 40);
        final JournalProblem expected;
        try (JournalWalk walk = new JournalWalk(DataDir.of(damaged))) {
            expected = walk.walk((entry, length, position) -> true);
        }
        final List<Long> handed = new ArrayList<>();
        final JournalProblem problem;
        try (JournalWalk walk = new JournalWalk(DataDir.of(damaged))) {
            problem = new ReadAheadWalk(walk, null, SMALL_RING)
                .walk((entry, length, position) -> handed.add(EntryHeader.sequence(entry, 0)));
        }
        assertNotNull(expected);
        assertEquals(expected, problem);
        assertEquals(100, problem.sequence());
        assertEquals(99, handed.size());
    }

    @Test
    void aVisitorThatThrowsStopsTheReaderAndTheWalkCanBeUsedAgain() {
        final IllegalStateException thrown = new IllegalStateException("visitor failed");
        try (JournalWalk walk = new JournalWalk(DataDir.of(data))) {
            final ReadAheadWalk readAhead = new ReadAheadWalk(walk, null, SMALL_RING);
            assertSame(thrown, assertThrows(IllegalStateException.class, () -> readAhead.walk((entry, length, position) -> {
                throw thrown;
            })));
            assertNoReaderLeft();
            walk.rewind(); // back on this thread
            final int[] count = {0};
            assertNull(walk.walk((entry, length, position) -> ++count[0] > 0));
            assertEquals(everyEntry.size(), count[0]);
        }
    }

    private static Seen seen(org.agrona.DirectBuffer entry, int length, long position) {
        final byte[] bytes = new byte[length];
        entry.getBytes(0, bytes);
        return new Seen(EntryHeader.sequence(entry, 0), position, bytes);
    }

    private static void assertNoReaderLeft() {
        assertFalse(Thread.getAllStackTraces().keySet().stream()
            .anyMatch(thread -> thread.getName().equals("journal-read-ahead") && thread.isAlive()));
    }
}
