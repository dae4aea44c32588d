package io.livestore.processor.validate;

import io.livestore.processor.analyse.Accessibility;
import io.livestore.processor.analyse.TypeSupport;
import io.livestore.processor.diagnostic.Diagnostics;
import io.livestore.processor.diagnostic.Message;
import javax.lang.model.element.Element;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;

/** Generated code, in the value's package, must be able to name the record and its component types. */
final class AccessibilityRule implements RecordRule {

    private final TypeSupport support;

    AccessibilityRule(TypeSupport support) {
        this.support = support;
    }

    @Override
    public void check(TypeElement record, Target target, Diagnostics diagnostics) {
        check(record, record, target, diagnostics);
        for (RecordComponentElement c : record.getRecordComponents()) {
            TypeSupport.Kind kind = support.classify(c.asType());
            if (kind == TypeSupport.Kind.ENUM || kind == TypeSupport.Kind.LIVE_VALUE) {
                check((TypeElement) ((DeclaredType) c.asType()).asElement(), c, target, diagnostics);
            }
        }
    }

    /** Reports what keeps generated code in {@code target}'s package from naming {@code type}. */
    void check(TypeElement type, Element blame, Target target, Diagnostics diagnostics) {
        if (support.elements().getPackageOf(type).isUnnamed() && !target.generatedPackage().isUnnamed()) {
            // No import can name a type of the unnamed package, public or not.
            diagnostics.report(Message.UNNAMED_PACKAGE, blame, Accessibility.displayName(type), target.generatedClass(),
                    target.generatedPackage().getQualifiedName());
            return;
        }
        Accessibility.obstacle(type, target.generatedPackage(), support.elements()).ifPresent(o -> {
            String what = o.type().equals(type)
                    ? Accessibility.displayName(type)
                    : Accessibility.displayName(type) + " (enclosed in " + Accessibility.displayName(o.type()) + ")";
            diagnostics.report(Message.NOT_ACCESSIBLE, blame, what, o.why(), target.generatedClass(),
                    target.generatedPackage().getQualifiedName());
        });
    }
}
