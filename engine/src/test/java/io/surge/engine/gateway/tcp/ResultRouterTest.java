package io.surge.engine.gateway.tcp;

import io.surge.engine.domain.CommandResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultRouterTest {
    /** Records the request slots it hears about. */
    private static final class FakeConnection implements ResultRouter.Routed {
        int route = -1;
        final List<Integer> heard = new ArrayList<>();

        @Override
        public int route() {
            return route;
        }

        @Override
        public void routedAs(int route) {
            this.route = route;
        }

        @Override
        public void onResult(int requestSlot, CommandResult result) {
            heard.add(requestSlot);
        }
    }

    @Test
    void routesEachResultToTheConnectionAndSlotItWasPublishedWith() {
        final ResultRouter router = new ResultRouter(4);
        final FakeConnection first = new FakeConnection();
        final FakeConnection second = new FakeConnection();
        assertTrue(router.register(first));
        assertTrue(router.register(second));
        assertNotEquals(first.route, second.route);

        router.onResult(ResultRouter.correlationId(second.route, 7), new CommandResult());
        router.onResult(ResultRouter.correlationId(first.route, 0), new CommandResult());
        router.onResult(ResultRouter.correlationId(first.route, Integer.MAX_VALUE), new CommandResult());

        assertEquals(List.of(0, Integer.MAX_VALUE), first.heard);
        assertEquals(List.of(7), second.heard);
    }

    @Test
    void aResultForAClosedConnectionNeverReachesTheNextOneGivenItsNumber() {
        final ResultRouter router = new ResultRouter(1);
        final FakeConnection closed = new FakeConnection();
        assertTrue(router.register(closed));
        final int oldRoute = closed.route;
        router.unregister(oldRoute);

        final FakeConnection next = new FakeConnection();
        assertTrue(router.register(next));
        assertEquals(oldRoute >>> 12, next.route >>> 12, "the number is reused");
        router.onResult(ResultRouter.correlationId(oldRoute, 3), new CommandResult());

        assertTrue(next.heard.isEmpty(), "a stale result was delivered to the new connection");
        assertTrue(closed.heard.isEmpty());
    }

    @Test
    void refusesMoreConnectionsThanItHasNumbersAndReusesFreedOnes() {
        final ResultRouter router = new ResultRouter(2);
        final FakeConnection a = new FakeConnection();
        assertTrue(router.register(a));
        assertTrue(router.register(new FakeConnection()));
        assertFalse(router.register(new FakeConnection()));
        router.unregister(a.route);
        assertTrue(router.register(new FakeConnection()));
        assertThrows(IllegalArgumentException.class, () -> new ResultRouter(0));
    }

    @Test
    void theLargestNumberRoundTripsThroughACorrelationId() {
        final ResultRouter router = new ResultRouter(ResultRouter.MAX_CONNECTIONS);
        final List<FakeConnection> all = new ArrayList<>();
        FakeConnection last = null;
        for (int i = 0; i < ResultRouter.MAX_CONNECTIONS; i++) {
            last = new FakeConnection();
            assertTrue(router.register(last));
            if (i < 3) {
                all.add(last);
            }
        }
        assertEquals(ResultRouter.MAX_CONNECTIONS - 1, last.route >>> 12);
        router.onResult(ResultRouter.correlationId(last.route, -1), new CommandResult());
        assertEquals(List.of(-1), last.heard);
        for (FakeConnection other : all) {
            assertTrue(other.heard.isEmpty());
        }
    }
}
