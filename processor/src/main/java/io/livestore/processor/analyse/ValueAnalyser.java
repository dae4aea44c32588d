package io.livestore.processor.analyse;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.TypeName;
import io.livestore.annotations.MaxLength;
import io.livestore.processor.model.EnumConstant;
import io.livestore.processor.model.FieldType;
import io.livestore.processor.model.LayoutModel;
import io.livestore.processor.model.LayoutPlanner;
import io.livestore.processor.model.Names;
import io.livestore.processor.model.StableHash;
import io.livestore.processor.model.ValueModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * Turns validated records into layouts. Runs after validation, so it may assume that every
 * component type is supported and every string bounded; when that does not hold (a nested value
 * that failed its own validation) it returns empty rather than guess.
 */
public final class ValueAnalyser {

    private final TypeSupport support;
    private final Map<String, Optional<LayoutModel>> layouts = new HashMap<>();
    private final Set<String> inProgress = new LinkedHashSet<>();
    private final Set<String> invalid;

    /**
     * @param support type facts
     * @param invalid canonical names of {@code @LiveValue} records that failed validation
     */
    public ValueAnalyser(TypeSupport support, Set<String> invalid) {
        this.support = support;
        this.invalid = invalid;
    }

    /**
     * @param record a validated {@code @LiveValue} record
     * @return its model, or empty if a nested value cannot be laid out
     */
    public Optional<ValueModel> value(TypeElement record) {
        ClassName type = ClassName.get(record);
        return layout(record).map(layout -> new ValueModel(record, type, Names.layoutName(type), layout,
                new Deprecations(support.elements()).suppressions(List.of(record))));
    }

    /**
     * @param record a validated record ({@code @LiveValue} or mutation)
     * @return its layout, or empty if a nested value cannot be laid out
     */
    public Optional<LayoutModel> layout(TypeElement record) {
        return layout(record, true);
    }

    /**
     * @param record a validated mutation or message record
     * @return its encoding, not padded, or empty if a nested value cannot be laid out
     */
    public Optional<LayoutModel> encoding(TypeElement record) {
        return layout(record, false);
    }

    private Optional<LayoutModel> layout(TypeElement record, boolean isValue) {
        String name = record.getQualifiedName().toString();
        String key = (isValue ? "value:" : "encoding:") + name;
        Optional<LayoutModel> cached = layouts.get(key);
        if (cached != null) {
            return cached;
        }
        if (invalid.contains(name) || !inProgress.add(name)) {
            return Optional.empty();
        }
        try {
            List<LayoutPlanner.Component> components = new ArrayList<>();
            for (RecordComponentElement c : record.getRecordComponents()) {
                Optional<FieldType> type = fieldType(c);
                if (type.isEmpty()) {
                    layouts.put(key, Optional.empty());
                    return Optional.empty();
                }
                components.add(new LayoutPlanner.Component(c, c.getSimpleName().toString(), type.get()));
            }
            Optional<LayoutModel> layout = Optional.of(LayoutPlanner.plan(name, components, isValue));
            layouts.put(key, layout);
            return layout;
        } finally {
            inProgress.remove(name);
        }
    }

    private Optional<FieldType> fieldType(RecordComponentElement component) {
        TypeMirror type = component.asType();
        switch (support.classify(type)) {
            case PRIMITIVE:
                return Optional.of(primitive(type));
            case ENUM: {
                TypeElement e = (TypeElement) ((DeclaredType) type).asElement();
                return Optional.of(new FieldType.Enum(ClassName.get(e), enumConstants(e)));
            }
            case UUID:
                return Optional.of(new FieldType.Uuid(ClassName.get(java.util.UUID.class)));
            case INSTANT:
                return Optional.of(new FieldType.Instant(ClassName.get(java.time.Instant.class)));
            case STRING: {
                MaxLength max = component.getAnnotation(MaxLength.class);
                if (max == null || max.value() < 1 || max.value() > FieldType.BoundedString.MAX_BOUND) {
                    return Optional.empty();
                }
                return Optional.of(new FieldType.BoundedString(ClassName.get(String.class), max.value()));
            }
            case LIVE_VALUE: {
                TypeElement nested = (TypeElement) ((DeclaredType) type).asElement();
                ClassName nestedName = ClassName.get(nested);
                return layout(nested).map(l -> new FieldType.Nested(nestedName, Names.layoutName(nestedName), l));
            }
            default:
                return Optional.empty();
        }
    }

    /**
     * @param e an enum
     * @return its constants in declaration order, each with its stored hash
     */
    public static List<EnumConstant> enumConstants(TypeElement e) {
        List<EnumConstant> constants = new ArrayList<>();
        for (Element member : e.getEnclosedElements()) {
            if (member.getKind() == ElementKind.ENUM_CONSTANT) {
                String name = member.getSimpleName().toString();
                constants.add(new EnumConstant(name, StableHash.hash32(name)));
            }
        }
        return constants;
    }

    private static FieldType primitive(TypeMirror type) {
        TypeName name = TypeName.get(type);
        int size = switch (type.getKind()) {
            case BOOLEAN, BYTE -> 1;
            case SHORT, CHAR -> 2;
            case INT, FLOAT -> 4;
            default -> 8;
        };
        return new FieldType.Primitive(name, size);
    }
}
