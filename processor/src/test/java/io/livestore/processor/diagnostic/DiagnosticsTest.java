package io.livestore.processor.diagnostic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

/**
 * The funnel itself. An internal error cannot be provoked through the compiler without a bug to
 * provoke it with, so its message is checked here.
 */
class DiagnosticsTest {

    private final List<String> printed = new ArrayList<>();
    private final Messager messager = new Messager() {
        @Override
        public void printMessage(Diagnostic.Kind kind, CharSequence msg) {
            printed.add(kind + ": " + msg);
        }

        @Override
        public void printMessage(Diagnostic.Kind kind, CharSequence msg, Element e) {
            printMessage(kind, msg);
        }

        @Override
        public void printMessage(Diagnostic.Kind kind, CharSequence msg, Element e, AnnotationMirror a) {
            printMessage(kind, msg);
        }

        @Override
        public void printMessage(Diagnostic.Kind kind, CharSequence msg, Element e, AnnotationMirror a,
                AnnotationValue v) {
            printMessage(kind, msg);
        }
    };

    @Test
    void internalError_namesWhatFailedAndAsksForAReport() {
        Diagnostics diagnostics = new Diagnostics(messager);
        IllegalStateException bug = new IllegalStateException("boom");
        diagnostics.reportUnattached(Message.INTERNAL_ERROR, "test.Player", bug, "at Somewhere.java:1");
        assertEquals(1, diagnostics.errorCount());
        assertEquals(String.format("ERROR: the LiveStore processor failed on test.Player with "
                + "java.lang.IllegalStateException: boom; please report this with the stack trace:%nat Somewhere.java:1"),
                printed.get(0));
    }

    @Test
    void everyMessage_isAnError() {
        for (Message m : Message.values()) {
            assertTrue(m.kind() == Diagnostic.Kind.ERROR, m.name());
        }
    }
}
