package io.surge.engine.properties;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The domain invariants, checked after every command of seeded random streams (see
 * {@link InvariantRun} for the list). The stream is a pure function of the seed, and every
 * failure message starts with it: {@code CommandStream.generate(seed)} rebuilds the stream.
 */
class DomainInvariantPropertiesTest {
    @Property(tries = 200)
    void everyCommandKeepsTheDomainInvariants(@ForAll long seed) {
        new InvariantRun(CommandStream.generate(seed)).run();
    }
}
