package io.livestore.processor.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Hashes that never change between compilers, JDKs or runs: the leading bytes of a SHA-256 of
 * the UTF-8 text, big-endian. Used for mutation ids, enum constant hashes and fingerprints.
 * {@link String#hashCode()} would also be stable, but its 32 bits collide on short names far
 * more often ("Aa" and "BB").
 */
public final class StableHash {

    private StableHash() {
    }

    /**
     * @param text the text
     * @return the first four bytes of its SHA-256
     */
    public static int hash32(String text) {
        byte[] d = sha256(text);
        return (d[0] & 0xFF) << 24 | (d[1] & 0xFF) << 16 | (d[2] & 0xFF) << 8 | (d[3] & 0xFF);
    }

    /**
     * @param text the text
     * @return the first eight bytes of its SHA-256
     */
    public static long hash64(String text) {
        byte[] d = sha256(text);
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = h << 8 | (d[i] & 0xFF);
        }
        return h;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (MessageDigest javadoc).
            throw new AssertionError("SHA-256 is missing from this JDK", e);
        }
    }
}
