package io.livestore.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Stands for another annotation processor: when a type named {@code trigger} is among a round's
 * root elements, it writes the given sources, which the compiler processes in the next round.
 */
final class SourceGeneratingProcessor extends AbstractProcessor {

    private final String trigger;
    private final Map<String, String> sources;
    private boolean done;

    SourceGeneratingProcessor(String trigger, Map<String, String> sources) {
        this.trigger = trigger;
        this.sources = sources;
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (done) {
            return false;
        }
        for (Element e : round.getRootElements()) {
            if (e instanceof TypeElement t && t.getQualifiedName().contentEquals(trigger)) {
                done = true;
                sources.forEach((name, text) -> {
                    try (Writer w = processingEnv.getFiler().createSourceFile(name).openWriter()) {
                        w.write(text);
                    } catch (IOException ex) {
                        throw new UncheckedIOException(ex);
                    }
                });
            }
        }
        return false;
    }
}
