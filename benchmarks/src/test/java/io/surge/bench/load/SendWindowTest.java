package io.surge.bench.load;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SendWindowTest {
    /** Long enough that a lost wake-up would stall a test far past its timeout. */
    private static final long NO_SAFETY_NET = TimeUnit.SECONDS.toNanos(60);

    @Test
    void takesRoomUpToItsSizeWithoutWaiting() {
        final SendWindow window = new SendWindow(4, 1, NO_SAFETY_NET);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            for (int i = 0; i < 4; i++) {
                window.acquire();
            }
        });
        assertEquals(4, window.outstanding());
        window.release();
        assertEquals(3, window.outstanding());
    }

    @Test
    void aSenderWaitingOnAFullWindowIsWokenOnceAQuarterIsFree() throws Exception {
        final SendWindow window = new SendWindow(8, SendWindow.quarterOf(8), NO_SAFETY_NET);
        for (int i = 0; i < 8; i++) {
            window.acquire();
        }
        final CompletableFuture<Void> ninth = CompletableFuture.runAsync(window::acquire);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        assertFalse(ninth.isDone(), "no room yet");
        window.release(); // 7 outstanding: room, but not yet a quarter of the window
        window.release(); // 6: a quarter free, the sender is woken
        ninth.get(10, TimeUnit.SECONDS);
        assertEquals(7, window.outstanding());
        assertEquals(1, window.wakeUps());
    }

    @Test
    void aSenderAndAnAnsweringThreadNeverLoseAWakeUpAndWakeOncePerQuarterWindow() {
        final int size = 64;
        final int requests = 200_000;
        final SendWindow window = new SendWindow(size, SendWindow.quarterOf(size), NO_SAFETY_NET);
        final AtomicInteger sent = new AtomicInteger();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            final Thread answering = new Thread(() -> {
                int answered = 0;
                while (answered < requests) {
                    if (answered < sent.get()) {
                        window.release();
                        answered++;
                        if (ThreadLocalRandom.current().nextInt(1_000) == 0) {
                            LockSupport.parkNanos(50_000); // now and then a slow answer
                        }
                    } else {
                        Thread.onSpinWait();
                    }
                }
            });
            answering.start();
            for (int i = 0; i < requests; i++) {
                window.acquire();
                sent.incrementAndGet();
            }
            answering.join();
        });
        assertEquals(0, window.outstanding());
        // Each wait starts from a full window and ends no earlier than a quarter later.
        assertTrue(window.wakeUps() <= requests / (size / 4) + 1, "wake-ups: " + window.wakeUps());
    }

    @Test
    void aWakeBatchOfOneWakesTheSenderAtTheFirstAnswer() throws Exception {
        final SendWindow window = new SendWindow(8, 1, NO_SAFETY_NET);
        for (int i = 0; i < 8; i++) {
            window.acquire();
        }
        final CompletableFuture<Void> ninth = CompletableFuture.runAsync(window::acquire);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        assertFalse(ninth.isDone(), "no room yet");
        window.release();
        ninth.get(10, TimeUnit.SECONDS);
        assertEquals(8, window.outstanding());
    }

    @Test
    void refusesAnEmptyWindowAndAWakeBatchOutsideIt() {
        assertThrows(IllegalArgumentException.class, () -> new SendWindow(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new SendWindow(8, 0));
        assertThrows(IllegalArgumentException.class, () -> new SendWindow(8, 9));
        assertEquals(1, SendWindow.quarterOf(3));
        assertEquals(64, SendWindow.quarterOf(256));
    }
}
