package io.livestore.processor.validate;

import io.livestore.annotations.MaxLength;
import io.livestore.processor.analyse.TypeSupport;
import io.livestore.processor.analyse.ValueAnalyser;
import io.livestore.processor.diagnostic.Diagnostics;
import io.livestore.processor.diagnostic.Message;
import io.livestore.processor.model.EnumConstant;
import io.livestore.processor.model.FieldType;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;

/**
 * Every component has a storable type; strings carry a valid {@code @MaxLength} and nothing else
 * does; enum constants have distinct stored hashes; value components avoid the names of the
 * layout's own methods.
 */
final class ComponentTypeRule implements RecordRule {

    /** Components that would clash with {@code XLayout.read(bytes, offset)} and {@code decode}. */
    static final Set<String> RESERVED = Set.of("read", "decode");

    private final TypeSupport support;

    ComponentTypeRule(TypeSupport support) {
        this.support = support;
    }

    @Override
    public void check(TypeElement record, Target target, Diagnostics diagnostics) {
        for (RecordComponentElement c : record.getRecordComponents()) {
            String where = record.getSimpleName() + "." + c.getSimpleName();
            TypeSupport.Kind kind = support.classify(c.asType());
            boolean hasMax = support.maxLengthMirror(c).isPresent();
            if (kind == TypeSupport.Kind.UNSUPPORTED) {
                diagnostics.report(Message.UNSUPPORTED_TYPE, c, where, c.asType());
            } else if (kind == TypeSupport.Kind.STRING) {
                if (!hasMax) {
                    diagnostics.report(Message.MISSING_MAX_LENGTH, c, where, c.getSimpleName());
                } else {
                    int max = c.getAnnotation(MaxLength.class).value();
                    if (max < 1 || max > FieldType.BoundedString.MAX_BOUND) {
                        diagnostics.report(Message.INVALID_MAX_LENGTH, c, max, where, FieldType.BoundedString.MAX_BOUND);
                    }
                }
            } else if (kind == TypeSupport.Kind.ENUM) {
                TypeElement e = (TypeElement) ((DeclaredType) c.asType()).asElement();
                if (ValueAnalyser.enumConstants(e).isEmpty()) {
                    diagnostics.report(Message.EMPTY_ENUM, c, where, e.getQualifiedName());
                }
                checkEnumHashes(e, c, diagnostics);
            }
            if (hasMax && kind != TypeSupport.Kind.STRING && kind != TypeSupport.Kind.UNSUPPORTED) {
                diagnostics.report(Message.MAX_LENGTH_NOT_STRING, c, where, c.asType());
            }
            if (target.isValue() && RESERVED.contains(c.getSimpleName().toString())) {
                diagnostics.report(Message.RESERVED_COMPONENT_NAME, c, c.getSimpleName(), record.getSimpleName(),
                        c.getSimpleName());
            }
        }
    }

    private static void checkEnumHashes(TypeElement e, RecordComponentElement c, Diagnostics diagnostics) {
        Map<Integer, String> seen = new HashMap<>();
        for (EnumConstant constant : ValueAnalyser.enumConstants(e)) {
            String other = seen.putIfAbsent(constant.hash(), constant.name());
            if (other != null) {
                diagnostics.report(Message.ENUM_HASH_COLLISION, c, e.getQualifiedName(), other, constant.name(),
                        constant.hash());
            }
        }
    }
}
