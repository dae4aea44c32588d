package io.livestore.processor.model;

import com.squareup.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * The closed set of mutations of one value, sorted by id.
 *
 * @param value the value record
 * @param valueType its class name
 * @param mutationsName the generated class
 * @param mutations the mutations, in ascending id order
 * @param fingerprint the set's fingerprint
 * @param suppressedWarnings the warnings its generated code must suppress because it uses
 *     deprecated elements; usually none
 */
public record MutationSetModel(TypeElement value, ClassName valueType, ClassName mutationsName,
        List<EncodedRecord> mutations, long fingerprint, List<String> suppressedWarnings) {

    /** The format version that prefixes the set's description. */
    public static final String FORMAT = "livestore-mutations-v1";

    public MutationSetModel {
        mutations = List.copyOf(mutations);
        suppressedWarnings = List.copyOf(suppressedWarnings);
    }

    /**
     * @param value the value record
     * @param valueType its class name
     * @param mutations the mutations, in any order
     * @param suppressedWarnings the warnings the generated code must suppress
     * @return the model, with the mutations sorted by id and the fingerprint computed
     */
    public static MutationSetModel of(TypeElement value, ClassName valueType, List<EncodedRecord> mutations,
            List<String> suppressedWarnings) {
        List<EncodedRecord> sorted = EncodedRecord.sortedById(mutations);
        return new MutationSetModel(value, valueType, Names.mutationsName(valueType), sorted,
                EncodedRecord.fingerprint(FORMAT, valueType.canonicalName(), sorted), suppressedWarnings);
    }
}
