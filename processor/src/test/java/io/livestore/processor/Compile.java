package io.livestore.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;

/** Compiles test sources with the LiveStore processor, on the test class path. */
final class Compile {

    private Compile() {
    }

    static Compilation compile(JavaFileObject... sources) {
        return javac().withProcessors(new LiveStoreProcessor()).compile(sources);
    }

    static Compilation compileWith(Processor other, JavaFileObject... sources) {
        return javac().withProcessors(other, new LiveStoreProcessor()).compile(sources);
    }

    static JavaFileObject source(String qualifiedName, String text) {
        return JavaFileObjects.forSourceString(qualifiedName, text);
    }

    /** The 1-based line of the first line that contains {@code snippet}; fails if none does. */
    static long lineOf(JavaFileObject source, String snippet) {
        try {
            String[] lines = source.getCharContent(true).toString().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].contains(snippet)) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no line contains " + snippet);
    }
}
