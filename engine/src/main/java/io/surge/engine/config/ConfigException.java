package io.surge.engine.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A setting or seed file that stops start-up; the message names the file and the key or line. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** How the YAML parser says where it is: {@code in 'reader', line 3, column 9:}. */
    private static final Pattern YAML_POSITION = Pattern.compile("^\\s*in '[^']*', line (\\d+), column (\\d+):");

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A YAML file that cannot be read or parsed, in one line: where the parser stopped and what it
     * expected, not its multi-line dump with the reader's internals.
     */
    static ConfigException unreadableYaml(String file, IOException e) {
        if (!(e instanceof JsonProcessingException parse)) {
            return new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        String problem = "";
        String where = "";
        final String message = parse.getOriginalMessage() == null ? "" : parse.getOriginalMessage();
        for (String line : message.split("\n")) {
            final Matcher position = YAML_POSITION.matcher(line);
            if (position.find()) {
                where = " at line " + position.group(1) + ", column " + position.group(2); // the last one is the problem's
            } else if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                problem = line.trim(); // the last unindented line says what went wrong
            }
        }
        final JsonLocation at = parse.getLocation();
        if (where.isEmpty() && at != null && at.getLineNr() > 0) {
            where = " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        }
        return new ConfigException(file + ": not valid YAML" + where + (problem.isEmpty() ? "" : ": " + problem), e);
    }
}
