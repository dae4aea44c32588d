package io.livestore.processor.model;

/**
 * An enum constant and the hash it is stored as.
 *
 * @param name the constant's name
 * @param hash the first four bytes of the SHA-256 of the name
 */
public record EnumConstant(String name, int hash) {
}
