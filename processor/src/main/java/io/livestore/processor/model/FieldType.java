package io.livestore.processor.model;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.TypeName;
import java.util.List;

/**
 * How one record component is stored: its size, alignment and the descriptor that enters the
 * layout fingerprint. One implementation per supported kind of type.
 */
public sealed interface FieldType {

    /** @return the bytes the field occupies */
    int size();

    /** @return the field's alignment in bytes, relative to the start of the value */
    int alignment();

    /** @return the field's type as it enters the layout description and fingerprint */
    String descriptor();

    /** @return the Java type of the component */
    TypeName javaType();

    /** A primitive, stored in its natural width; floats and doubles by their raw bits. */
    record Primitive(TypeName javaType, int size) implements FieldType {
        @Override
        public int alignment() {
            return size;
        }

        @Override
        public String descriptor() {
            return javaType.toString();
        }
    }

    /**
     * An enum, stored as the 32-bit hash of the constant's name: reordering constants or adding
     * one changes no stored data, and reading a constant that was renamed or removed fails
     * loudly instead of silently giving another constant, as an ordinal would.
     */
    record Enum(ClassName javaType, List<EnumConstant> constants) implements FieldType {
        public Enum {
            constants = List.copyOf(constants);
        }

        @Override
        public int size() {
            return Integer.BYTES;
        }

        @Override
        public int alignment() {
            return Integer.BYTES;
        }

        @Override
        public String descriptor() {
            return "enum " + javaType.canonicalName();
        }
    }

    /** A {@code java.util.UUID}: most significant bits, then least significant bits. */
    record Uuid(ClassName javaType) implements FieldType {
        @Override
        public int size() {
            return 2 * Long.BYTES;
        }

        @Override
        public int alignment() {
            return Long.BYTES;
        }

        @Override
        public String descriptor() {
            return "UUID";
        }
    }

    /** A {@code java.time.Instant}: epoch second (long), then nanosecond (int); every instant fits. */
    record Instant(ClassName javaType) implements FieldType {
        @Override
        public int size() {
            return Long.BYTES + Integer.BYTES;
        }

        @Override
        public int alignment() {
            return Long.BYTES;
        }

        @Override
        public String descriptor() {
            return "Instant";
        }
    }

    /** A {@code String} bounded by {@code @MaxLength}: a length prefix and the UTF-8 bytes. */
    record BoundedString(TypeName javaType, int maxBytes) implements FieldType {
        /** The largest bound that a two-byte prefix can describe. */
        public static final int MAX_BOUND = 0xFFFF;

        /** @return the size of the length prefix: 1 byte up to 255, else 2 */
        public int prefixSize() {
            return maxBytes <= 0xFF ? 1 : 2;
        }

        @Override
        public int size() {
            return prefixSize() + maxBytes;
        }

        @Override
        public int alignment() {
            return prefixSize();
        }

        @Override
        public String descriptor() {
            return "String(" + maxBytes + ")";
        }
    }

    /** A nested {@code @LiveValue}, inlined with its own layout, 8-byte aligned. */
    record Nested(ClassName javaType, ClassName layoutName, LayoutModel layout) implements FieldType {
        @Override
        public int size() {
            return layout.size();
        }

        @Override
        public int alignment() {
            return Long.BYTES;
        }

        @Override
        public String descriptor() {
            return layout.description();
        }
    }
}
