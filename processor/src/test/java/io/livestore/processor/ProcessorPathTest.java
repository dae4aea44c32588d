package io.livestore.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.livestore.processor.Compile.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import io.livestore.annotations.LiveValue;
import java.net.URL;
import java.net.URLClassLoader;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A processor path that lacks what the processor needs gives one clear error, not a compiler
 * crash. (That the released jar works alone on the processor path is {@code ProcessorJarIT}.)
 */
class ProcessorPathTest {

    private static final JavaFileObject PLAYER = source("test.Player", """
            package test;

            @io.livestore.annotations.LiveValue
            public record Player(int hp) {}
            """);

    @Test
    void javaPoetMissing_isOneClearError() throws Exception {
        // The processor's own classes and the annotations, but not JavaPoet: what a processor
        // path of the plain (unshaded) classes gives.
        URL[] path = {
            LiveStoreProcessor.class.getProtectionDomain().getCodeSource().getLocation(),
            LiveValue.class.getProtectionDomain().getCodeSource().getLocation()
        };
        try (URLClassLoader loader = new URLClassLoader(path, ClassLoader.getPlatformClassLoader())) {
            Processor processor = (Processor) loader.loadClass(LiveStoreProcessor.class.getName())
                    .getConstructor().newInstance();
            Compilation c = Compiler.javac().withProcessors(processor).compile(PLAYER);
            assertThat(c).hadErrorContaining("the LiveStore processor cannot run: a class it needs, "
                    + "com.squareup.javapoet.");
            assertThat(c).hadErrorContaining("is missing or incompatible (java.lang.NoClassDefFoundError: "
                    + "com/squareup/javapoet/");
            assertThat(c).hadErrorContaining("; put the livestore-processor jar alone on the annotation processor "
                    + "path, since it bundles what it needs (javac -processorpath, Gradle annotationProcessor, Maven "
                    + "annotationProcessorPaths), rather than its classes or its dependencies separately");
            assertThat(c).hadErrorCount(1);
        }
    }
}
