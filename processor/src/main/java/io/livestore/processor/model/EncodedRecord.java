package io.livestore.processor.model;

import com.squareup.javapoet.ClassName;
import java.util.Comparator;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * A record that a generated set encodes with a stable id: a mutation of a value ({@code
 * XMutations}) or one of its message records ({@code XMessages}).
 *
 * @param element the record
 * @param type its class name
 * @param stableName the name its id is derived from
 * @param id the id: the first four bytes of the SHA-256 of {@code stableName}
 * @param layout its encoding (not padded)
 */
public record EncodedRecord(TypeElement element, ClassName type, String stableName, int id, LayoutModel layout) {

    /** @return the flattened simple name, such as {@code Damage} or {@code Game_Damage} */
    public String flatName() {
        return Names.flatName(type);
    }

    /** @return the name of the generated id constant, such as {@code DAMAGE} */
    public String constantName() {
        return Names.upperSnake(flatName());
    }

    /**
     * @param records records in any order
     * @return them in ascending id order, the order of every generated set
     */
    static List<EncodedRecord> sortedById(List<EncodedRecord> records) {
        return records.stream().sorted(Comparator.comparingInt(EncodedRecord::id)).toList();
    }

    /**
     * The fingerprint of a set: of its format, its head (the value or message type) and each
     * record's id, stable name and encoding, in id order.
     *
     * @param format the set's format version
     * @param head the canonical name of what the set belongs to
     * @param sorted the records in ascending id order
     * @return the fingerprint
     */
    static long fingerprint(String format, String head, List<EncodedRecord> sorted) {
        StringBuilder description = new StringBuilder(format).append(':').append(head);
        for (EncodedRecord r : sorted) {
            description.append(';').append(Integer.toHexString(r.id())).append('=').append(r.stableName())
                    .append(r.layout().description());
        }
        return StableHash.hash64(description.toString());
    }
}
