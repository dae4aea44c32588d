package io.livestore.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Bounds a {@code String} component of a {@link LiveValue} or {@link Mutation} record, so that it
 * fits the record's fixed-size layout.
 *
 * <pre>{@code
 * @LiveValue
 * public record Player(@MaxLength(16) String name, int hp) {}
 * }</pre>
 *
 * <p>The unit is <b>UTF-8 bytes</b>, not {@code char}s: the layout reserves exactly this many bytes
 * (plus a length prefix of one byte up to 255, two bytes above), so the limit is the real cost in
 * memory and is the same for every string that fits. A count of {@code char}s would have to
 * reserve three bytes per {@code char} to be safe. ASCII text uses one byte per character, most
 * accented Latin, Greek and Cyrillic two, most CJK three, and emoji (outside the Basic
 * Multilingual Plane) four.
 *
 * <p>A string longer than the limit is refused when the record is written, with an {@code
 * IllegalArgumentException} naming the record, the component, the string's UTF-8 length and the
 * limit; nothing is written. An unpaired surrogate is encoded as {@code '?'}, as {@link
 * String#getBytes(java.nio.charset.Charset)} does.
 *
 * <p>Arrays are not supported yet (a component of an array type is a compile error); store a
 * fixed number of elements as separate components or a nested {@code @LiveValue}.
 *
 * <h2>Rules the processor checks</h2>
 *
 * <ul>
 *   <li>every {@code String} component has {@code @MaxLength};
 *   <li>{@code @MaxLength} is on a {@code String} component, nowhere else;
 *   <li>its value is between 1 and 65535.
 * </ul>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.RECORD_COMPONENT)
public @interface MaxLength {

    /**
     * The maximum length in UTF-8 bytes, from 1 to 65535.
     *
     * @return the maximum number of UTF-8 bytes
     */
    int value();
}
