package io.livestore.benchmarks.measure;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * A minimal streaming JSON writer for the raw figures of a measurement: objects, arrays, strings,
 * numbers and booleans, with commas placed by the writer. Not a general library: names and
 * strings are escaped, non-finite numbers become {@code null}, and nothing checks that objects
 * hold names.
 */
public final class JsonWriter {

    private final StringBuilder out = new StringBuilder();
    /** Per open container: whether it already holds an element (so the next needs a comma). */
    private final Deque<boolean[]> open = new ArrayDeque<>();
    private boolean afterName;

    /** @return this, after opening an object */
    public JsonWriter beginObject() {
        return open('{');
    }

    /** @return this, after closing the innermost object */
    public JsonWriter endObject() {
        return close('}');
    }

    /** @return this, after opening an array */
    public JsonWriter beginArray() {
        return open('[');
    }

    /** @return this, after closing the innermost array */
    public JsonWriter endArray() {
        return close(']');
    }

    /**
     * Writes a member's name; its value comes next.
     *
     * @param name the name
     * @return this
     */
    public JsonWriter name(String name) {
        separate();
        newline();
        string(name);
        out.append(": ");
        afterName = true;
        return this;
    }

    /**
     * @param value a string, or {@code null}
     * @return this
     */
    public JsonWriter value(String value) {
        separate();
        spaceInArray();
        if (value == null) {
            out.append("null");
        } else {
            string(value);
        }
        return this;
    }

    /**
     * @param value a number; NaN and infinities become {@code null}
     * @return this
     */
    public JsonWriter value(double value) {
        separate();
        spaceInArray();
        if (Double.isFinite(value)) {
            out.append(value == Math.rint(value) && Math.abs(value) < 1e15
                    ? Long.toString((long) value) : String.format(Locale.ROOT, "%.6g", value));
        } else {
            out.append("null");
        }
        return this;
    }

    /**
     * @param value a number
     * @return this
     */
    public JsonWriter value(long value) {
        separate();
        spaceInArray();
        out.append(value);
        return this;
    }

    /**
     * @param value a boolean
     * @return this
     */
    public JsonWriter value(boolean value) {
        separate();
        spaceInArray();
        out.append(value);
        return this;
    }

    /**
     * @param name the member's name
     * @param value its value
     * @return this
     */
    public JsonWriter field(String name, String value) {
        return name(name).value(value);
    }

    /**
     * @param name the member's name
     * @param value its value
     * @return this
     */
    public JsonWriter field(String name, double value) {
        return name(name).value(value);
    }

    /**
     * @param name the member's name
     * @param value its value
     * @return this
     */
    public JsonWriter field(String name, long value) {
        return name(name).value(value);
    }

    /**
     * @param name the member's name
     * @param value its value
     * @return this
     */
    public JsonWriter field(String name, boolean value) {
        return name(name).value(value);
    }

    /** @return the document written so far */
    @Override
    public String toString() {
        return out.toString();
    }

    private JsonWriter open(char bracket) {
        separate();
        spaceInArray();
        out.append(bracket);
        open.push(new boolean[1]);
        return this;
    }

    private JsonWriter close(char bracket) {
        final boolean[] top = open.pop();
        if (top[0]) {
            newline();
        }
        out.append(bracket);
        if (open.isEmpty()) {
            out.append('\n');
        }
        return this;
    }

    /**
     * Places the comma before an element: none after a name, none for a container's first. A
     * member's name goes on its own line (after this), an array's elements stay on one line.
     */
    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        final boolean[] top = open.peek();
        if (top == null) {
            return;
        }
        if (top[0]) {
            out.append(',');
        }
        top[0] = true;
    }

    /** The space between an array's elements (a name starts a new line instead). */
    private void spaceInArray() {
        final char last = out.length() == 0 ? ' ' : out.charAt(out.length() - 1);
        if (last == ',') {
            out.append(' ');
        }
    }

    private void newline() {
        out.append('\n');
        for (int i = 0; i < open.size(); i++) {
            out.append("  ");
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
