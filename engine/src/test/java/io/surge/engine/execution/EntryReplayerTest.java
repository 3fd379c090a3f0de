package io.surge.engine.execution;

import io.surge.engine.codec.CommandEncoder;
import io.surge.engine.codec.EntryHeader;
import io.surge.engine.domain.BusinessLogic;
import io.surge.engine.domain.CommandResult;
import io.surge.engine.domain.OrderLines;
import org.agrona.ExpandableDirectByteBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EntryReplayerTest {
    private final CommandEncoder encoder = new CommandEncoder();

    /** Records a SKU definition and an order on a live state; returns the order's entry. */
    private int record(BusinessLogic live, ExpandableDirectByteBuffer skuEntry, ExpandableDirectByteBuffer orderEntry) {
        final CommandExecutor executor = new CommandExecutor(live);
        encoder.defineSku(skuEntry, 42, 1, 19_900, 10);
        final int skuLength = executor.execute(skuEntry, 1_000, new CommandResult().reset());
        EntryHeader.seal(skuEntry, 0);
        assertTrue(skuLength > 0);
        encoder.placeOrder(orderEntry, 1, 7, new OrderLines().add(42, 2, 19_900));
        final int length = executor.execute(orderEntry, 1_000, new CommandResult().reset());
        EntryHeader.seal(orderEntry, 0);
        return length;
    }

    @Test
    void reproducesARecordedEntryExactly() {
        final ExpandableDirectByteBuffer sku = new ExpandableDirectByteBuffer(512);
        final ExpandableDirectByteBuffer order = new ExpandableDirectByteBuffer(512);
        final BusinessLogic live = new BusinessLogic();
        final int orderLength = record(live, sku, order);
        final EntryReplayer replayer = new EntryReplayer(new BusinessLogic());
        assertNull(replayer.apply(sku, 0, EntryHeader.LENGTH + EntryHeader.bodyLength(sku, 0)));
        assertNull(replayer.apply(order, 0, orderLength));
        assertEquals(live.stateHash(), replayer.logic().stateHash());
    }

    @Test
    void reportsARecordedEventTheCommandDoesNotProduce() {
        final ExpandableDirectByteBuffer sku = new ExpandableDirectByteBuffer(512);
        final ExpandableDirectByteBuffer order = new ExpandableDirectByteBuffer(512);
        final int orderLength = record(new BusinessLogic(), sku, order);
        // Change the last byte of the recorded events (part of the reservation's total) and
        // re-seal, so the checksum holds but the journal now disagrees with the business logic.
        order.putByte(orderLength - 1, (byte) (order.getByte(orderLength - 1) ^ 1));
        EntryHeader.seal(order, 0);
        final EntryReplayer replayer = new EntryReplayer(new BusinessLogic());
        assertNull(replayer.apply(sku, 0, EntryHeader.LENGTH + EntryHeader.bodyLength(sku, 0)));
        final String problem = replayer.apply(order, 0, orderLength);
        assertNotNull(problem);
        assertTrue(problem.contains("differs"), problem);
    }

    @Test
    void reportsADamagedChecksumAndASequenceGap() {
        final ExpandableDirectByteBuffer sku = new ExpandableDirectByteBuffer(512);
        final ExpandableDirectByteBuffer order = new ExpandableDirectByteBuffer(512);
        final int orderLength = record(new BusinessLogic(), sku, order);
        final EntryReplayer gap = new EntryReplayer(new BusinessLogic());
        assertTrue(gap.apply(order, 0, orderLength).contains("sequence 2 where 1 was expected"));
        order.putByte(EntryHeader.LENGTH + 3, (byte) 0x7F);
        final EntryReplayer damaged = new EntryReplayer(new BusinessLogic());
        assertTrue(damaged.apply(order, 0, orderLength).contains("checksum"));
    }

    @Test
    void applySoundSkipsOnlyTheChecksumAndNamesTheFirstDifferingByte() {
        final ExpandableDirectByteBuffer sku = new ExpandableDirectByteBuffer(512);
        final ExpandableDirectByteBuffer order = new ExpandableDirectByteBuffer(512);
        final BusinessLogic live = new BusinessLogic();
        final int orderLength = record(live, sku, order);
        final int skuLength = EntryHeader.LENGTH + EntryHeader.bodyLength(sku, 0);

        final EntryReplayer sound = new EntryReplayer(new BusinessLogic());
        assertNull(sound.applySound(sku, 0, skuLength));
        assertNull(sound.applySound(order, 0, orderLength));
        assertEquals(live.stateHash(), sound.logic().stateHash());

        order.putByte(orderLength - 1, (byte) (order.getByte(orderLength - 1) ^ 1)); // checksum left stale on purpose
        final EntryReplayer changed = new EntryReplayer(new BusinessLogic());
        assertNull(changed.applySound(sku, 0, skuLength));
        assertEquals("re-execution differs from the journal at byte " + (orderLength - 1) + " of the entry",
            changed.applySound(order, 0, orderLength));
    }
}
