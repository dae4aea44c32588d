package io.livestore.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/** An earlier build's output on the class path of a later compilation, as IDEs, Gradle and modules have it. */
final class EarlierBuild {

    private EarlierBuild() {
    }

    /** Writes the class files of a compilation into a directory, as a build's output. */
    static void writeClasses(Compilation c, Path dir) {
        for (JavaFileObject file : c.generatedFiles()) {
            if (file.getKind() != JavaFileObject.Kind.CLASS) {
                continue;
            }
            String path = file.toUri().getPath();
            Path target = dir.resolve(path.substring(path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length()));
            try (InputStream in = file.openInputStream()) {
                Files.createDirectories(target.getParent());
                Files.write(target, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Compiles with the processor, on the test class path plus {@code extra} (an earlier build's output). */
    static Compilation compileWithClassPath(Path extra, JavaFileObject... sources) {
        List<File> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            classPath.add(new File(entry));
        }
        classPath.add(extra.toFile());
        return Compiler.javac().withProcessors(new LiveStoreProcessor()).withClasspath(classPath).compile(sources);
    }
}
