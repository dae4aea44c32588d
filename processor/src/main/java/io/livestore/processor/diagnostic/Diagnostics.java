package io.livestore.processor.diagnostic;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;

/**
 * The one funnel for diagnostics. Reporting never throws, so a phase reports every problem it
 * finds and goes on; callers ask {@link #errorCount()} to decide whether to generate.
 */
public final class Diagnostics {

    private final Messager messager;
    private int errors;

    /** @param messager the compiler's messager */
    public Diagnostics(Messager messager) {
        this.messager = messager;
    }

    /**
     * Reports a message on an element.
     *
     * @param message the catalogue entry
     * @param element the element to blame; the compiler shows its file and line
     * @param args the message's arguments
     */
    public void report(Message message, Element element, Object... args) {
        if (message.kind() == javax.tools.Diagnostic.Kind.ERROR) {
            errors++;
        }
        messager.printMessage(message.kind(), message.format(args), locatable(element));
    }

    /**
     * Reports a message on an annotation's element value, such as {@code messages = X.class} in
     * {@code @LiveValue(messages = X.class)}; the compiler shows the value's line.
     *
     * @param message the catalogue entry
     * @param element the annotated element
     * @param annotation the annotation on it
     * @param value the offending value, or {@code null} to blame the whole annotation
     * @param args the message's arguments
     */
    public void report(Message message, Element element, AnnotationMirror annotation, AnnotationValue value,
            Object... args) {
        if (message.kind() == javax.tools.Diagnostic.Kind.ERROR) {
            errors++;
        }
        messager.printMessage(message.kind(), message.format(args), element, annotation, value);
    }

    /**
     * Reports a message that no element can carry.
     *
     * @param message the catalogue entry
     * @param args the message's arguments
     */
    public void reportUnattached(Message message, Object... args) {
        if (message.kind() == javax.tools.Diagnostic.Kind.ERROR) {
            errors++;
        }
        messager.printMessage(message.kind(), message.format(args));
    }

    /**
     * javac (17 to 25) gives a record component no source position, so a message on it would
     * show no file or line. The component's private field is declared at the same place in the
     * record header and has one.
     */
    private static Element locatable(Element element) {
        if (element.getKind() == ElementKind.RECORD_COMPONENT) {
            for (Element member : element.getEnclosingElement().getEnclosedElements()) {
                if (member.getKind() == ElementKind.FIELD && member.getSimpleName().equals(element.getSimpleName())) {
                    return member;
                }
            }
        }
        return element;
    }

    /** @return the number of errors reported so far, in every round */
    public int errorCount() {
        return errors;
    }
}
