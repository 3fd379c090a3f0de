package io.surge.engine.gateway.http;

import java.nio.charset.StandardCharsets;

/**
 * Writes the gateway's small JSON answers: one object of numbers, strings and (for an order's
 * lines) an array of objects. Strings are escaped to plain ASCII, so any text (a field name a
 * client made up, a parser's message) is safe to echo. Not thread-safe: one per answer.
 */
final class JsonText {
    private final StringBuilder text = new StringBuilder(96);
    private boolean needComma;

    JsonText() {
        text.append('{');
    }

    JsonText field(String name, long value) {
        name(name);
        text.append(value);
        return this;
    }

    JsonText field(String name, String value) {
        name(name);
        quote(text, value);
        return this;
    }

    /** Opens an array field; close it with {@link #endArray}. */
    JsonText startArray(String name) {
        name(name);
        text.append('[');
        needComma = false;
        return this;
    }

    /** Opens an object inside an array; close it with {@link #endObject}. */
    JsonText startObject() {
        if (needComma) {
            text.append(',');
        }
        text.append('{');
        needComma = false;
        return this;
    }

    JsonText endObject() {
        text.append('}');
        needComma = true;
        return this;
    }

    JsonText endArray() {
        text.append(']');
        needComma = true;
        return this;
    }

    byte[] toBytes() {
        text.append('}');
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code {"error":"..."}}. */
    static byte[] error(String message) {
        return new JsonText().field("error", message).toBytes();
    }

    private void name(String name) {
        if (needComma) {
            text.append(',');
        }
        quote(text, name);
        text.append(':');
        needComma = true;
    }

    static void quote(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7E) {
                        out.append("\\u");
                        final String hex = Integer.toHexString(c);
                        for (int pad = hex.length(); pad < 4; pad++) {
                            out.append('0');
                        }
                        out.append(hex);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
