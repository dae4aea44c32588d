package io.livestore.processor.validate;

import javax.lang.model.element.PackageElement;

/**
 * What the record is checked for.
 *
 * @param role what the record is, as messages name it: {@code @LiveValue record}, {@code
 *     @Mutation record} or {@code message record}
 * @param isValue whether the record is a value (else a mutation or a message, encoded unpadded)
 * @param generatedPackage the package of the generated code that uses the record
 * @param generatedClass the simple name of that generated class, for messages
 */
public record Target(String role, boolean isValue, PackageElement generatedPackage, String generatedClass) {
}
