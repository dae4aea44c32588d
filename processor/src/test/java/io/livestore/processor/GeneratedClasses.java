package io.livestore.processor;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;

/** Loads the classes of a successful compilation, so a test can run generated code. */
final class GeneratedClasses extends ClassLoader {

    private static final String OUTPUT = "CLASS_OUTPUT/";
    private final Map<String, byte[]> classes = new HashMap<>();

    /**
     * @param compilation a successful compilation
     * @param later compilations whose classes replace those of the same name, as when a class is
     *     recompiled separately (an enum that gained a constant, say)
     */
    GeneratedClasses(Compilation compilation, Compilation... later) {
        super(GeneratedClasses.class.getClassLoader());
        add(compilation);
        for (Compilation c : later) {
            add(c);
        }
    }

    private void add(Compilation compilation) {
        for (JavaFileObject file : compilation.generatedFiles()) {
            if (file.getKind() != JavaFileObject.Kind.CLASS) {
                continue;
            }
            String path = file.toUri().getPath();
            String name = path.substring(path.indexOf(OUTPUT) + OUTPUT.length(), path.length() - ".class".length())
                    .replace('/', '.');
            try (InputStream in = file.openInputStream()) {
                classes.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }

    /** Reads a public static constant of a generated class. */
    Object constant(String className, String field) {
        try {
            return loadClass(className).getField(field).get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(className + "." + field, e);
        }
    }
}
