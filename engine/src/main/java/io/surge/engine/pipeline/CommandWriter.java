package io.surge.engine.pipeline;

import io.surge.engine.codec.CommandEncoder;
import org.agrona.MutableDirectBuffer;

/** Encodes one command into a slot's entry buffer and returns where the command ends. */
@FunctionalInterface
public interface CommandWriter {
    int write(CommandEncoder encoder, MutableDirectBuffer entry);
}
