package io.surge.replay;

import io.surge.engine.codec.EntryHeader;
import io.surge.engine.codec.sbe.DefineSkuDecoder;
import io.surge.engine.domain.RejectReason;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which entries a dump prints: a range (from/to, by sequence or engine time) and filters on the
 * entry's messages. An entry is a command with the events it produced; it is selected when it
 * lies in the range and every filter given matches some message of it (filters are ANDed;
 * several types are ORed). Entries are decoded only when in range, and once. For
 * {@code --merchant} the SKU → merchant map is learned from every SkuDefined seen, in range or
 * not, so order lines count for their merchant. One thread.
 */
final class EntrySelection {
    private static final long NONE = 0;

    private final Point from;
    private final Point to;
    private final Set<Class<?>> types;
    private final long orderId;
    private final long customerId;
    private final long sku;
    private final long merchantId;
    private final String reason;
    private final Long2LongHashMap merchantBySku = new Long2LongHashMap(NONE);
    private final Matcher matcher = new Matcher();

    EntrySelection(Point from, Point to, List<String> types, Long orderId, Long customerId, Long sku, Long merchantId,
        String reason) {
        this.from = from;
        this.to = to;
        this.types = types == null ? Set.of() : typesNamed(types);
        this.orderId = positive("--order", orderId);
        this.customerId = positive("--customer", customerId);
        this.sku = positive("--sku", sku);
        this.merchantId = positive("--merchant", merchantId);
        this.reason = reason == null ? null : reasonNamed(reason);
    }

    /** True when no entry after this sequence can be in range (a sequence {@code --to} is passed). */
    boolean isPastEnd(long sequence) {
        return to != null && to.isSequence() && sequence > to.sequence();
    }

    boolean inRange(long sequence, long timeMs) {
        return (from == null || from.isReachedBy(sequence, timeMs)) && (to == null || to.isNotPassedBy(sequence, timeMs));
    }

    /**
     * The entry decoded when it is selected, otherwise null. Learns SKU merchants on the way
     * (call it for every entry, in journal order).
     */
    DecodedEntry select(MessageDecoder decoder, DirectBuffer buffer, int offset, long position) {
        if (!inRange(EntryHeader.sequence(buffer, offset), EntryHeader.engineTimeMs(buffer, offset))) {
            learn(decoder, buffer, offset, position);
            return null;
        }
        final DecodedEntry entry = decoder.decode(buffer, offset, position);
        learn(entry);
        return matches(entry) ? entry : null;
    }

    /** Learns SKU merchants from an entry that is not printed (decoding it only if it defines a SKU). */
    void learn(MessageDecoder decoder, DirectBuffer buffer, int offset, long position) {
        if (merchantId != NONE && EntryHeader.entryType(buffer, offset) == DefineSkuDecoder.TEMPLATE_ID) {
            learn(decoder.decode(buffer, offset, position));
        }
    }

    private void learn(DecodedEntry entry) {
        if (merchantId == NONE) {
            return;
        }
        for (Message event : entry.events()) {
            if (event instanceof Message.SkuDefined defined) {
                merchantBySku.put(defined.sku(), defined.merchantId());
            }
        }
    }

    boolean matches(DecodedEntry entry) {
        if (!types.isEmpty() && !hasType(entry)) {
            return false;
        }
        if (orderId == NONE && customerId == NONE && sku == NONE && merchantId == NONE && reason == null) {
            return true;
        }
        matcher.reset();
        MessageFields.describe(entry.command(), matcher);
        for (Message event : entry.events()) {
            MessageFields.describe(event, matcher);
        }
        return (orderId == NONE || matcher.order) && (customerId == NONE || matcher.customer)
            && (sku == NONE || matcher.sku) && (merchantId == NONE || matcher.merchant) && (reason == null || matcher.reason);
    }

    private boolean hasType(DecodedEntry entry) {
        if (types.contains(entry.command().getClass())) {
            return true;
        }
        for (Message event : entry.events()) {
            if (types.contains(event.getClass())) {
                return true;
            }
        }
        return false;
    }

    /** Notes which filters some message of the entry satisfies. */
    private final class Matcher implements MessageFields.FieldSink {
        boolean order;
        boolean customer;
        boolean sku;
        boolean merchant;
        boolean reason;

        void reset() {
            order = false;
            customer = false;
            sku = false;
            merchant = false;
            reason = false;
        }

        @Override
        public void number(String name, long value) {
            switch (name) {
                case "orderId" -> order |= value == orderId;
                case "customerId" -> customer |= value == customerId;
                case "merchantId" -> merchant |= value == merchantId;
                case "sku" -> sku(value);
                default -> {
                    // not a filtered field
                }
            }
        }

        private void sku(long value) {
            sku |= value == EntrySelection.this.sku;
            merchant |= merchantId != NONE && merchantBySku.get(value) == merchantId;
        }

        @Override
        public void money(String name, long cents) {
            // no filter on money
        }

        @Override
        public void time(String name, long epochMs) {
            // times are filtered by the range, on the entry's engine time
        }

        @Override
        public void text(String name, String value) {
            reason |= "reason".equals(name) && value.equals(EntrySelection.this.reason);
        }

        @Override
        public void lines(String name, List<Message.Line> lines) {
            for (Message.Line line : lines) {
                sku(line.sku());
            }
        }

        @Override
        public void skus(String name, List<Long> skus) {
            for (long value : skus) {
                sku(value);
            }
        }
    }

    /** The message types by name, case-insensitively; an unknown name is a usage error listing the known ones. */
    static Set<Class<?>> typesNamed(List<String> names) {
        final Set<Class<?>> classes = new HashSet<>();
        for (String name : names) {
            final Class<?> type = typeNamed(name.trim());
            if (type == null) {
                throw new ReplayException("unknown message type '" + name + "'; known: " + String.join(", ", typeNames()));
            }
            classes.add(type);
        }
        return Set.copyOf(classes);
    }

    private static Class<?> typeNamed(String name) {
        for (Class<?> type : Message.class.getPermittedSubclasses()) {
            if (type.getSimpleName().equalsIgnoreCase(name)) {
                return type;
            }
        }
        return null;
    }

    static List<String> typeNames() {
        final List<String> names = new ArrayList<>();
        for (Class<?> type : Message.class.getPermittedSubclasses()) {
            if (type != Message.Unknown.class) {
                names.add(type.getSimpleName());
            }
        }
        return names;
    }

    private static String reasonNamed(String name) {
        final String upper = name.trim().toUpperCase(Locale.ROOT);
        final Set<String> known = new TreeSet<>();
        for (RejectReason value : RejectReason.values()) {
            known.add(value.name());
        }
        if (!known.contains(upper)) {
            throw new ReplayException("unknown rejection reason '" + name + "'; known: " + String.join(", ", known));
        }
        return upper;
    }

    private static long positive(String option, Long value) {
        if (value == null) {
            return NONE;
        }
        if (value <= 0) {
            throw new ReplayException(option + " must be a positive id, not " + value);
        }
        return value;
    }
}
