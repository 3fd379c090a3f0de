package io.surge.replay;

import java.util.List;

/**
 * A journal entry decoded: its header, the command and the events the command produced.
 *
 * @param position the journal position of the entry's group (for {@code tail} and seeking)
 */
public record DecodedEntry(long sequence, long engineTimeMs, Message command, List<Message> events, long position) {
}
