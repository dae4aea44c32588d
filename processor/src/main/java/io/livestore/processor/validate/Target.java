package io.livestore.processor.validate;

import javax.lang.model.element.PackageElement;

/**
 * What the record is checked for.
 *
 * @param annotation the annotation's simple name, {@code LiveValue} or {@code Mutation}
 * @param isValue whether the record is a value (else a mutation)
 * @param generatedPackage the package of the generated code that uses the record
 * @param generatedClass the simple name of that generated class, for messages
 */
public record Target(String annotation, boolean isValue, PackageElement generatedPackage, String generatedClass) {
}
