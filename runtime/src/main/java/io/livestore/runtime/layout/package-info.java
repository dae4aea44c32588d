/**
 * The contract between code generated for {@code @LiveValue} records and the runtime's memory:
 * {@link io.livestore.runtime.layout.ValueLayout} (one per value, {@code XLayout}), plus the field
 * encodings that generated code delegates to. Depends only on the JDK and Chronicle Bytes; the
 * mutation contracts ({@code Mutator}, {@code MutationSet}, generated as {@code XMutations}) sit
 * above it in {@code io.livestore.runtime.store} and use these encodings.
 *
 * <h2>Encodings (layout format v1)</h2>
 *
 * <p>All multi-byte numbers are in the native byte order of Chronicle Bytes (little-endian on
 * x86 and ARM), at absolute offsets in a {@code BytesStore}.
 *
 * <pre>
 *   type            bytes  align  encoding
 *   boolean           1      1    0 or 1
 *   byte              1      1
 *   short, char       2      2    char as unsigned
 *   int               4      4
 *   float             4      4    raw IEEE bits (NaN payloads and -0.0 survive)
 *   long              8      8
 *   double            8      8    raw IEEE bits
 *   enum              4      4    SHA-256 prefix of the constant's name ({@link StoredEnums})
 *   UUID             16      8    most significant long, least significant long
 *   Instant          12      8    epoch second (long), nano of second (int)
 *   String(n)      1+n      1    length (u8), UTF-8 bytes      n &lt;= 255 ({@link BoundedUtf8})
 *                  2+n      2    length (u16), UTF-8 bytes     n &gt; 255
 *   nested value   SIZE     8    the nested layout, inlined
 * </pre>
 *
 * <p>A value's fields are placed in descending alignment, ties in declaration order, each at a
 * multiple of its alignment; the value's size is rounded up to a multiple of 8. Encoded
 * mutations use the same placement without the final rounding.
 */
package io.livestore.runtime.layout;
