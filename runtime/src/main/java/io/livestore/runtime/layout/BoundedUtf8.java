package io.livestore.runtime.layout;

import net.openhft.chronicle.bytes.BytesStore;

/**
 * The encoding of a {@code @MaxLength(n)} string field: a length prefix, then the string's UTF-8
 * bytes, in a fixed area of {@link #fieldSize(int) fieldSize(n)} bytes.
 *
 * <pre>
 *   n &lt;= 255:  | len (u8)  | UTF-8 bytes ... (n bytes reserved) |
 *   n &gt;  255:  | len (u16) | UTF-8 bytes ... (n bytes reserved) |
 * </pre>
 *
 * <p>The limit counts UTF-8 bytes (see {@code @MaxLength}). Bytes after the string's end are left
 * as they were: readers never look past the length. Encoding allocates nothing; an unpaired
 * surrogate is written as {@code '?'}, like {@link String#getBytes(java.nio.charset.Charset)}.
 *
 * <p>Generated layouts call these methods; they are public for that reason, and stable.
 */
public final class BoundedUtf8 {

    /** The largest {@code @MaxLength} a two-byte prefix can describe. */
    public static final int MAX_BOUND = 0xFFFF;

    private static final int ONE_BYTE_PREFIX_BOUND = 0xFF;

    private BoundedUtf8() {
    }

    /**
     * @param maxBytes the field's {@code @MaxLength}
     * @return the size of the length prefix: 1 up to 255, else 2
     * @throws IllegalArgumentException if {@code maxBytes} is not in {@code [1, MAX_BOUND]}
     */
    public static int prefixSize(int maxBytes) {
        if (maxBytes < 1 || maxBytes > MAX_BOUND) {
            // The processor never generates such a bound; a hand-written caller must not either,
            // or lengths would be truncated to the prefix.
            throw new IllegalArgumentException("@MaxLength must be in [1, " + MAX_BOUND + "], got " + maxBytes);
        }
        return maxBytes <= ONE_BYTE_PREFIX_BOUND ? 1 : 2;
    }

    /**
     * @param maxBytes the field's {@code @MaxLength}
     * @return the bytes the field occupies in a layout: the prefix plus {@code maxBytes}
     */
    public static int fieldSize(int maxBytes) {
        return prefixSize(maxBytes) + maxBytes;
    }

    /**
     * Returns the number of bytes {@code s} takes in UTF-8 (unpaired surrogates count one byte).
     *
     * @param s the string
     * @return its UTF-8 length
     */
    public static int utf8Length(CharSequence s) {
        int n = s.length();
        int length = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                length += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                length += 1;
            } else {
                length += 3;
            }
        }
        return length;
    }

    /**
     * Checks that {@code value} fits a field of {@code maxBytes} UTF-8 bytes. Allocates nothing
     * unless it fails.
     *
     * @param value the string, not {@code null}
     * @param maxBytes the field's {@code @MaxLength}
     * @param owner the record's simple name, for the error message
     * @param component the component's name, for the error message
     * @return the string's UTF-8 length
     * @throws IllegalArgumentException if {@code value} is longer than {@code maxBytes} in UTF-8
     */
    public static int check(String value, int maxBytes, String owner, String component) {
        int length = utf8Length(value);
        if (length > maxBytes) {
            throw new IllegalArgumentException(owner + "." + component + " is " + length
                    + " UTF-8 bytes long, more than its @MaxLength(" + maxBytes + "): \"" + abbreviate(value) + "\"");
        }
        return length;
    }

    /**
     * Writes {@code value} as a bounded string field at {@code offset}.
     *
     * @param bytes the memory to write
     * @param offset the absolute offset of the field
     * @param value the string, not {@code null}
     * @param maxBytes the field's {@code @MaxLength}
     * @param owner the record's simple name, for the error message
     * @param component the component's name, for the error message
     * @throws IllegalArgumentException if {@code value} is longer than {@code maxBytes} in UTF-8;
     *     nothing is written
     * @throws IndexOutOfBoundsException if the field's {@code fieldSize(maxBytes)} bytes at
     *     {@code offset} do not lie within {@code bytes}; nothing is written
     */
    public static void write(BytesStore<?, ?> bytes, long offset, String value, int maxBytes, String owner,
            String component) {
        int length = check(value, maxBytes, owner, component);
        int prefix = prefixSize(maxBytes);
        // The whole field, once: every write below then stays inside it (length <= maxBytes).
        if (!ValueBounds.fits(bytes, offset, prefix + maxBytes)) {
            throw ValueBounds.fieldOutside(owner + "." + component + " string field", bytes, offset,
                    prefix + maxBytes);
        }
        if (prefix == 1) {
            bytes.writeByte(offset, (byte) length);
        } else {
            bytes.writeShort(offset, (short) length);
        }
        long p = offset + prefix;
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                bytes.writeByte(p++, (byte) c);
            } else if (c < 0x800) {
                bytes.writeByte(p++, (byte) (0xC0 | (c >> 6)));
                bytes.writeByte(p++, (byte) (0x80 | (c & 0x3F)));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, value.charAt(++i));
                bytes.writeByte(p++, (byte) (0xF0 | (cp >> 18)));
                bytes.writeByte(p++, (byte) (0x80 | ((cp >> 12) & 0x3F)));
                bytes.writeByte(p++, (byte) (0x80 | ((cp >> 6) & 0x3F)));
                bytes.writeByte(p++, (byte) (0x80 | (cp & 0x3F)));
            } else if (Character.isSurrogate(c)) {
                bytes.writeByte(p++, (byte) '?');
            } else {
                bytes.writeByte(p++, (byte) (0xE0 | (c >> 12)));
                bytes.writeByte(p++, (byte) (0x80 | ((c >> 6) & 0x3F)));
                bytes.writeByte(p++, (byte) (0x80 | (c & 0x3F)));
            }
        }
    }

    /**
     * Reads the UTF-8 length of the string stored at {@code offset}. Allocates nothing.
     *
     * @param bytes the memory to read
     * @param offset the absolute offset of the field
     * @param maxBytes the field's {@code @MaxLength}
     * @return the stored string's length in UTF-8 bytes
     * @throws IllegalStateException if the stored length exceeds {@code maxBytes}
     * @throws IndexOutOfBoundsException if the field's {@code fieldSize(maxBytes)} bytes at
     *     {@code offset} do not lie within {@code bytes}
     */
    public static int length(BytesStore<?, ?> bytes, long offset, int maxBytes) {
        int prefix = prefixSize(maxBytes);
        // The whole field, once: both read paths call this first, and then read only inside it.
        if (!ValueBounds.fits(bytes, offset, prefix + maxBytes)) {
            throw ValueBounds.fieldOutside("string field", bytes, offset, prefix + maxBytes);
        }
        int length = prefix == 1 ? bytes.readUnsignedByte(offset) : bytes.readUnsignedShort(offset);
        if (length > maxBytes) {
            throw new IllegalStateException("corrupt string field at offset " + offset + ": length " + length
                    + " exceeds its @MaxLength(" + maxBytes + ")");
        }
        return length;
    }

    /**
     * Reads the string stored at {@code offset}. Allocates the string.
     *
     * @param bytes the memory to read
     * @param offset the absolute offset of the field
     * @param maxBytes the field's {@code @MaxLength}
     * @return the string
     * @throws IllegalStateException if the stored bytes are not well-formed UTF-8 (which
     *     {@link #write} never produces)
     * @throws IndexOutOfBoundsException if the field does not lie within {@code bytes}
     */
    public static String read(BytesStore<?, ?> bytes, long offset, int maxBytes) {
        // One strict decoder for both read paths, so that they can never disagree.
        return read(bytes, offset, maxBytes, new StringBuilder(length(bytes, offset, maxBytes))).toString();
    }

    /**
     * Appends the string stored at {@code offset} to {@code into}. Allocates nothing when {@code
     * into} has room for it.
     *
     * @param bytes the memory to read
     * @param offset the absolute offset of the field
     * @param maxBytes the field's {@code @MaxLength}
     * @param into where to append the string
     * @return {@code into}
     * @throws IllegalStateException if the stored bytes are not well-formed UTF-8 (which
     *     {@link #write} never produces: truncated or stray continuation bytes, overlong forms,
     *     surrogates, code points past U+10FFFF); {@code into} may then hold a prefix
     * @throws IndexOutOfBoundsException if the field does not lie within {@code bytes}
     */
    public static StringBuilder read(BytesStore<?, ?> bytes, long offset, int maxBytes, StringBuilder into) {
        int length = length(bytes, offset, maxBytes);
        long start = offset + prefixSize(maxBytes);
        long p = start;
        long end = start + length;
        while (p < end) {
            long at = p;
            int b0 = bytes.readUnsignedByte(p++);
            if (b0 < 0x80) {
                into.append((char) b0);
                continue;
            }
            int extra = b0 >= 0xF8 ? -1 : b0 >= 0xF0 ? 3 : b0 >= 0xE0 ? 2 : b0 >= 0xC0 ? 1 : -1;
            if (extra < 0 || p + extra > end) {
                throw malformed(offset, at - start);
            }
            int cp = b0 & (0x3F >> extra);
            for (int k = 0; k < extra; k++) {
                int next = bytes.readUnsignedByte(p++);
                if ((next & 0xC0) != 0x80) {
                    throw malformed(offset, at - start);
                }
                cp = (cp << 6) | (next & 0x3F);
            }
            int smallest = extra == 1 ? 0x80 : extra == 2 ? 0x800 : 0x10000;
            if (cp < smallest || cp > Character.MAX_CODE_POINT
                    || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)) {
                throw malformed(offset, at - start);
            }
            into.appendCodePoint(cp);
        }
        return into;
    }

    private static IllegalStateException malformed(long offset, long index) {
        return new IllegalStateException("corrupt string field at offset " + offset
                + ": malformed UTF-8 at byte " + index + " of the string");
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 37) + "...";
    }
}
