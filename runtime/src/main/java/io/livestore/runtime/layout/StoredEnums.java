package io.livestore.runtime.layout;

import net.openhft.chronicle.bytes.BytesStore;

/**
 * How generated layouts store enum constants: as the first four bytes (big-endian) of the SHA-256
 * of the constant's name, a 32-bit int.
 *
 * <p>Why not the ordinal: reordering constants or inserting one would silently turn stored data
 * into other constants. Why not the name itself: it has no fixed size. With the hash, adding and
 * reordering constants changes nothing stored; renaming or removing a constant makes reading old
 * data fail with {@link #unknownConstant}, never silently. Two constants of one enum with the
 * same hash are a compile error.
 */
public final class StoredEnums {

    private StoredEnums() {
    }

    /**
     * Builds the error for a stored hash that matches no constant.
     *
     * @param owner the record's simple name
     * @param component the component's name
     * @param enumType the enum's name
     * @param bytes the memory that was read
     * @param offset the absolute offset of the stored hash
     * @return the exception to throw
     * @throws IndexOutOfBoundsException if the four bytes at {@code offset} do not lie within
     *     {@code bytes}
     */
    public static IllegalStateException unknownConstant(String owner, String component, String enumType,
            BytesStore<?, ?> bytes, long offset) {
        if (!ValueBounds.fits(bytes, offset, Integer.BYTES)) {
            throw ValueBounds.fieldOutside(owner + "." + component + " enum field", bytes, offset, Integer.BYTES);
        }
        int hash = bytes.readInt(offset);
        return new IllegalStateException(owner + "." + component + ": stored hash 0x" + Integer.toHexString(hash)
                + " at offset " + offset + " matches no constant of " + enumType
                + "; was a constant renamed or removed since the value was written?");
    }

    /**
     * Builds the error for a constant that generated code does not know: the enum gained it after
     * the code was generated, and the two were compiled separately. (Without a {@code default},
     * the generated {@code switch} would fail with a bare {@code IncompatibleClassChangeError} on
     * JDK 17 or {@code MatchException} on JDK 21 and later.)
     *
     * @param owner the record's simple name
     * @param component the component's name
     * @param constant the constant that was to be written
     * @param generatedClass the simple name of the generated class, such as {@code PlayerLayout}
     * @return the exception to throw
     */
    public static IllegalStateException constantUnknownToGeneratedCode(String owner, String component,
            Enum<?> constant, String generatedClass) {
        String enumType = constant.getDeclaringClass().getCanonicalName();
        return new IllegalStateException(owner + "." + component + " is " + enumType + "." + constant.name()
                + ", a constant that " + generatedClass + " does not know: it was added to " + enumType + " after "
                + generatedClass + " was generated; recompile " + owner + " with the LiveStore processor so that "
                + generatedClass + " is generated again");
    }
}
