package io.livestore.processor.model;

import java.util.List;

/**
 * The planned layout of a record: its fields with their offsets, in declaration order.
 *
 * @param typeName the record's canonical name, the head of the description
 * @param fields the fields in declaration order, each with its offset
 * @param size the total size in bytes
 * @param description the canonical text the fingerprint hashes; it inlines the descriptions of
 *     nested layouts, so it grows with the nesting and is never emitted as one constant
 * @param fingerprint the layout fingerprint
 */
public record LayoutModel(String typeName, List<FieldModel> fields, int size, String description, long fingerprint) {

    public LayoutModel {
        fields = List.copyOf(fields);
    }

    /** @return the fields in ascending offset order */
    public List<FieldModel> byOffset() {
        return fields.stream().sorted(java.util.Comparator.comparingInt(FieldModel::offset)).toList();
    }
}
