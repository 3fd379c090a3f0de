package io.surge.engine.pipeline;

import com.lmax.disruptor.EventHandler;

/**
 * Runs the business-logic and journal stages one after the other on a single thread, for
 * machines where two pipeline threads plus the publishers outnumber the cores: each slot is
 * decided, then appended; the batch is flushed and answered at its end, exactly as with two
 * threads, minus one hand-off.
 */
final class SingleThreadHandler implements EventHandler<CommandSlot> {
    private final BusinessLogicHandler logic;
    private final JournalHandler journal;

    SingleThreadHandler(BusinessLogicHandler logic, JournalHandler journal) {
        this.logic = logic;
        this.journal = journal;
    }

    @Override
    public void onBatchStart(long batchSize, long queueDepth) {
        journal.onBatchStart(batchSize, queueDepth);
    }

    @Override
    public void onEvent(CommandSlot slot, long sequence, boolean endOfBatch) {
        logic.onEvent(slot, sequence, endOfBatch);
        journal.onEvent(slot, sequence, endOfBatch);
    }
}
