package io.surge.engine.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Where configuration files come from: a folder on disk, or the defaults built into the jar. */
interface ConfigSource {
    InputStream open(String name) throws IOException;

    /** How to name the file in an error message. */
    String describe(String name);

    static ConfigSource folder(Path folder) {
        return new ConfigSource() {
            @Override
            public InputStream open(String name) throws IOException {
                final Path file = folder.resolve(name);
                if (!Files.isRegularFile(file)) {
                    throw new NoSuchFileException(file.toString());
                }
                return Files.newInputStream(file);
            }

            @Override
            public String describe(String name) {
                return folder.resolve(name).toString();
            }
        };
    }

    static ConfigSource builtIn(String resourceFolder) {
        return new ConfigSource() {
            @Override
            public InputStream open(String name) throws IOException {
                final InputStream in = ConfigSource.class.getClassLoader().getResourceAsStream(resourceFolder + name);
                if (in == null) {
                    throw new NoSuchFileException(describe(name));
                }
                return in;
            }

            @Override
            public String describe(String name) {
                return name + " (built-in default)";
            }
        };
    }
}
