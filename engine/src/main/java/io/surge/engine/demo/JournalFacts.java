package io.surge.engine.demo;

import io.surge.engine.codec.EntryHeader;
import io.surge.engine.codec.EntryReader;
import io.surge.engine.codec.sbe.SkuSoldOutDecoder;
import io.surge.engine.journal.ChronicleJournal;
import io.surge.engine.journal.JournalTailer;
import org.agrona.collections.Long2LongHashMap;

import java.nio.file.Path;

/**
 * What the demo reads back from its own journal once the engine has stopped: how many entries
 * there are, and which SKUs sold out when. The journal is the source of truth, so the summary
 * takes these facts from it rather than from counters kept on the side.
 */
record JournalFacts(long entries, int skusSoldOut, long firstSellOutMs, long firstSellOutSku) {

    static JournalFacts read(Path journalDir) {
        final Long2LongHashMap firstSoldOutAt = new Long2LongHashMap(Long.MIN_VALUE);
        final long[] entries = {0};
        final long[] first = {Long.MAX_VALUE, 0};
        final EntryReader reader = new EntryReader();
        final SkuSoldOutDecoder soldOut = new SkuSoldOutDecoder();
        try (ChronicleJournal journal = ChronicleJournal.openReadOnly(journalDir);
             JournalTailer tailer = journal.tailer()) {
            tailer.toStart();
            while (tailer.read((buffer, offset, length, position) -> {
                entries[0]++;
                final long timeMs = EntryHeader.engineTimeMs(buffer, offset);
                reader.forEachMessage(buffer, offset, (index, templateId, b, body, blockLength, version) -> {
                    if (templateId == SkuSoldOutDecoder.TEMPLATE_ID) {
                        final long sku = soldOut.wrap(b, body, blockLength, version).sku();
                        if (!firstSoldOutAt.containsKey(sku)) {
                            firstSoldOutAt.put(sku, timeMs);
                        }
                        if (timeMs < first[0]) {
                            first[0] = timeMs;
                            first[1] = sku;
                        }
                    }
                });
                return true;
            }, 1 << 16) > 0) {
                // next chunk
            }
        }
        return new JournalFacts(entries[0], firstSoldOutAt.size(), first[0] == Long.MAX_VALUE ? 0 : first[0], first[1]);
    }
}
