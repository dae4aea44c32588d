package io.livestore.processor.validate;

import io.livestore.processor.analyse.TypeSupport;
import io.livestore.processor.diagnostic.Diagnostics;
import io.livestore.processor.diagnostic.Message;
import io.livestore.processor.model.Names;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;

/**
 * Two components of a value must not generate the same member of its layout: components whose
 * names give the same constant ({@code maxHp} and {@code max_hp} both give {@code MAX_HP_OFFSET}),
 * or a component named like a reader generated for another ({@code idMostSignificantBits} beside
 * a UUID {@code id}). Nor may a component generate an accessor of its view ({@code XView}) that
 * the view inherits from {@code ValueView} ({@code version()}, the entry's version).
 */
final class GeneratedMemberRule implements RecordRule {

    /** The no-argument methods of {@code ValueView} that a generated accessor would hide, and why they exist. */
    private static final Map<String, String> VIEW_MEMBERS = Map.of(
            "version", "the entry's version, which the store keeps for every entry",
            "createdMillis", "the entry's creation time",
            "lastWriteMillis", "the entry's last-write time",
            "expiresAtMillis", "the entry's expiry deadline",
            "isPositioned", "whether the view is on an entry",
            "isReadable", "whether the view can be read now",
            "toRecord", "the whole value as a record",
            "checkedBytes", "the memory the view reads",
            "valueOffset", "where the value starts");

    private final TypeSupport support;

    GeneratedMemberRule(TypeSupport support) {
        this.support = support;
    }

    @Override
    public void check(TypeElement record, Target target, Diagnostics diagnostics) {
        if (!target.isValue()) {
            return;
        }
        Map<String, RecordComponentElement> owners = new HashMap<>();
        String view = target.generatedClass().replaceFirst("Layout$", "View");
        for (RecordComponentElement c : record.getRecordComponents()) {
            for (String accessor : viewAccessors(c)) {
                String inherited = VIEW_MEMBERS.get(accessor);
                if (inherited != null) {
                    diagnostics.report(Message.VIEW_MEMBER_CLASH, c, c.getSimpleName(), record.getQualifiedName(),
                            accessor + "()", view, inherited);
                }
            }
            for (String member : members(c)) {
                RecordComponentElement other = owners.putIfAbsent(member, c);
                if (other != null && !other.equals(c)) {
                    diagnostics.report(Message.COMPONENT_NAME_CLASH, c, c.getSimpleName(), record.getQualifiedName(),
                            member, target.generatedClass(), other.getSimpleName());
                    break;
                }
            }
        }
    }

    /** The members of {@code XLayout} that a component generates, as the messages name them. */
    private List<String> members(RecordComponentElement c) {
        String name = c.getSimpleName().toString();
        String constant = Names.upperSnake(name);
        List<String> members = new ArrayList<>();
        members.add("the constant " + constant + "_OFFSET");
        members.add(reader(name));
        switch (support.classify(c.asType())) {
            case UUID -> {
                members.add(reader(name + "MostSignificantBits"));
                members.add(reader(name + "LeastSignificantBits"));
            }
            case INSTANT -> {
                members.add(reader(name + "EpochSecond"));
                members.add(reader(name + "Nano"));
            }
            case STRING -> {
                members.add("the constant " + constant + "_MAX_LENGTH");
                members.add(reader(name + "Utf8Length"));
            }
            default -> {
            }
        }
        return members;
    }

    /** The no-argument accessors of {@code XView} that a component generates. */
    private List<String> viewAccessors(RecordComponentElement c) {
        String name = c.getSimpleName().toString();
        return switch (support.classify(c.asType())) {
            case UUID -> List.of(name, name + "MostSignificantBits", name + "LeastSignificantBits");
            case INSTANT -> List.of(name, name + "EpochSecond", name + "Nano");
            case STRING -> List.of(name, name + "Utf8Length");
            default -> List.of(name);
        };
    }

    private static String reader(String method) {
        return "the reader " + method + "(bytes, offset)";
    }
}
