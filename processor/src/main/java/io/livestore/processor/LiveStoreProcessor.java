package io.livestore.processor;

import com.google.auto.service.AutoService;
import io.livestore.processor.diagnostic.Diagnostics;
import io.livestore.processor.diagnostic.Message;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * The LiveStore annotation processor: generates {@code XLayout} and {@code XMutations} for every
 * {@code @LiveValue} record {@code X}, and {@code XMessages} when {@code X} declares a message
 * type. The work of each round is in {@link Rounds}.
 *
 * <p>This class names no type of a library (not JavaPoet, not the LiveStore annotations), so the
 * compiler can always load it. The released jar bundles what the processor needs (JavaPoet
 * relocated to {@code io.livestore.processor.shaded.javapoet}, and the annotations), so it works
 * alone on the processor path; when a class is missing anyway (the plain classes put on a
 * processor path without their dependencies, a version mismatch), the {@link LinkageError}
 * becomes one error that says how to set up the processor path, instead of a compiler crash.
 */
@AutoService(Processor.class)
public final class LiveStoreProcessor extends AbstractProcessor {

    private static final String ANNOTATIONS = "io.livestore.annotations.*";
    private static final String GENERATED = "javax.annotation.processing.Generated";

    private Diagnostics diagnostics;
    private Rounds rounds;
    private boolean unusable;

    /**
     * Every annotation of {@code io.livestore.annotations} ({@code @LiveValue}, {@code @Mutation},
     * {@code @MaxLength}), and {@code @Generated}, which our output carries and which no other
     * processor handles. The processor claims them (see {@link #process}).
     */
    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(ANNOTATIONS, GENERATED);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    /**
     * Runs one round.
     *
     * @return {@code true}: this processor claims the LiveStore annotations and {@code @Generated},
     *     so later processors are not asked about them (and javac's {@code -Xlint:processing} does
     *     not warn that no processor claimed them, which fails builds with {@code -Werror})
     */
    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (unusable) {
            return true;
        }
        if (diagnostics == null) {
            diagnostics = new Diagnostics(processingEnv.getMessager());
        }
        try {
            if (rounds == null) {
                rounds = new Rounds(processingEnv, diagnostics);
            }
            rounds.process(round);
        } catch (LinkageError e) {
            // Reported once: every later round would fail the same way.
            unusable = true;
            String missing = e instanceof NoClassDefFoundError && e.getMessage() != null
                    ? e.getMessage().replace('/', '.')
                    : e.toString();
            diagnostics.reportUnattached(Message.PROCESSOR_INCOMPLETE, missing, e);
        }
        return true;
    }
}
