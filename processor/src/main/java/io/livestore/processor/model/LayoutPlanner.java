package io.livestore.processor.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.lang.model.element.Element;

/**
 * Places the fields of a record.
 *
 * <p>Rule (version 1 of the layout format, named in every description): fields go in descending
 * order of alignment (8, 4, 2, 1), ties in declaration order; each field starts at a multiple of
 * its alignment; a value's total is rounded up to a multiple of 8 (an encoded mutation's is not). Sorting by alignment leaves no
 * padding between primitives, and natural alignment means that, once the table places a value
 * area at a multiple of 8, no primitive straddles a 64-byte cache line, so every field read is a
 * single aligned load. Values are <em>not</em> padded to a whole cache line: a slot holds the key
 * and the value together, and padding small values to 64 bytes would multiply memory and misses.
 *
 * <p>The description lists fields in declaration order, so it (and the fingerprint) changes when
 * components are reordered even where the offsets do not.
 */
public final class LayoutPlanner {

    /** The format version that prefixes every description. */
    public static final String FORMAT = "livestore-layout-v1";

    private LayoutPlanner() {
    }

    /** A component before placement. */
    public record Component(Element element, String name, FieldType type) {
    }

    /**
     * @param typeName the record's canonical name, the head of the description
     * @param components the components in declaration order
     * @param padToWord whether to round the size up to a multiple of 8: values, which sit side by
     *     side in a table, are padded; encoded mutations, framed by the caller, are not
     * @return the layout
     */
    public static LayoutModel plan(String typeName, List<Component> components, boolean padToWord) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < components.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt((Integer i) -> -components.get(i).type().alignment())
                .thenComparingInt(i -> i));
        int[] offsets = new int[components.size()];
        int position = 0;
        for (int i : order) {
            FieldType type = components.get(i).type();
            position = align(position, type.alignment());
            offsets[i] = position;
            position += type.size();
        }
        int size = padToWord ? align(position, Long.BYTES) : position;
        List<FieldModel> fields = new ArrayList<>();
        StringBuilder description = new StringBuilder(typeName).append('{');
        for (int i = 0; i < components.size(); i++) {
            Component c = components.get(i);
            fields.add(new FieldModel(c.element(), c.name(), c.type(), offsets[i]));
            if (i > 0) {
                description.append(';');
            }
            description.append(c.name()).append(':').append(c.type().descriptor());
        }
        description.append('}');
        String text = description.toString();
        return new LayoutModel(typeName, fields, size, text, StableHash.hash64(FORMAT + ":" + text));
    }

    private static int align(int position, int alignment) {
        return (position + alignment - 1) / alignment * alignment;
    }
}
