package io.surge.engine.pipeline;

/**
 * Where engine time comes from. Read only by the business-logic handler, once per command; the
 * time is then recorded in the journal entry, so replays never consult a clock.
 */
@FunctionalInterface
public interface EngineClock {
    long nowMs();

    EngineClock SYSTEM = System::currentTimeMillis;
}
