package io.livestore.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livestore.annotations.LiveValue;
import io.livestore.runtime.layout.ValueLayout;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import net.openhft.chronicle.bytes.BytesStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The released processor jar used the way a user of plain {@code javac} uses it: alone on
 * {@code -processorpath}, with the runtime and the annotations on {@code -classpath}, compiled by
 * a child {@code javac} of the JDK that runs the build (so on every JDK {@code ./test.sh} runs),
 * with every lint and warnings as errors; then the program runs.
 */
class ProcessorJarIT {

    private static final String PLAYER = """
            package com.example;

            import io.livestore.annotations.LiveValue;
            import io.livestore.annotations.MaxLength;

            /**
             * A player.
             *
             * @param name the name
             * @param hp hit points
             */
            @LiveValue(messages = Ping.class)
            public record Player(@MaxLength(16) String name, int hp) {}
            """;

    private static final String PING = """
            package com.example;

            /**
             * A liveness check.
             *
             * @param sentAt when it was sent, in nanoseconds
             */
            public record Ping(long sentAt) {}
            """;

    private static final String DAMAGE = """
            package com.example;

            import io.livestore.annotations.Mutation;
            import io.livestore.runtime.store.Mutator;

            /**
             * Takes hit points.
             *
             * @param amount how many
             */
            @Mutation
            public record Damage(int amount) implements Mutator<Player, RuntimeException> {
                @Override
                public Player apply(Player p) {
                    return new Player(p.name(), p.hp() - amount);
                }
            }
            """;

    private static final String MAIN = """
            package com.example;

            /** Prints what was generated. */
            public final class Main {
                private Main() {
                }

                /** @param args ignored */
                public static void main(String[] args) {
                    System.out.println(PlayerLayout.INSTANCE.size() + " " + PlayerMutations.INSTANCE + " "
                            + PlayerMessages.INSTANCE);
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void jar_bundlesJavaPoetRelocatedAndTheAnnotations() throws IOException {
        try (JarFile jar = new JarFile(processorJar().toFile())) {
            List<String> names = jar.stream().map(e -> e.getName()).toList();
            assertFalse(names.stream().anyMatch(n -> n.startsWith("com/squareup/")), "JavaPoet is relocated");
            assertTrue(names.contains("io/livestore/processor/shaded/javapoet/JavaFile.class"));
            assertTrue(names.contains("io/livestore/annotations/LiveValue.class"));
            assertTrue(names.contains("META-INF/services/javax.annotation.processing.Processor"));
            assertTrue(names.contains("META-INF/gradle/incremental.annotation.processors"));
        }
    }

    @Test
    void plainJavac_withTheJarAloneOnTheProcessorPath_generatesCodeThatCompilesAndRuns() throws Exception {
        Path src = dir.resolve("src/com/example");
        Files.createDirectories(src);
        Files.writeString(src.resolve("Player.java"), PLAYER);
        Files.writeString(src.resolve("Damage.java"), DAMAGE);
        Files.writeString(src.resolve("Ping.java"), PING);
        Files.writeString(src.resolve("Main.java"), MAIN);
        Path classes = dir.resolve("classes");
        Path generated = dir.resolve("generated");
        String classPath = consumerClassPath();

        List<String> javac = new ArrayList<>(List.of(tool("javac"),
                // -path: Chronicle's jars name siblings in their manifests' Class-Path that a
                // Maven repository does not hold; that is their packaging, not ours.
                "-Xlint:all,-path", "-Werror",
                "-processorpath", processorJar().toString(),
                "-classpath", classPath,
                "-d", classes.toString(), "-s", generated.toString()));
        try (Stream<Path> files = Files.walk(dir.resolve("src"))) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> javac.add(f.toString()));
        }
        Result compiled = run(javac);
        assertEquals(0, compiled.exitCode(), compiled.output());
        assertEquals("", compiled.output(), "no warning");
        assertTrue(Files.exists(generated.resolve("com/example/PlayerLayout.java")));
        assertTrue(Files.exists(generated.resolve("com/example/PlayerMutations.java")));
        assertTrue(Files.exists(generated.resolve("com/example/PlayerMessages.java")));

        Result ran = run(List.of(tool("java"), "-cp", classes + File.pathSeparator + classPath, "com.example.Main"));
        assertEquals(0, ran.exitCode(), ran.output());
        assertEquals("24 PlayerMutations[Damage] PlayerMessages[Ping]", ran.output().strip());
    }

    private static Path processorJar() {
        String jar = System.getProperty("livestore.processor.jar");
        assertTrue(jar != null && Files.isRegularFile(Path.of(jar)), "the packaged processor jar: " + jar);
        return Path.of(jar);
    }

    private static String tool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    /**
     * What a user's compilation has on its class path: the annotations, the runtime, and the
     * Chronicle jars that define {@code BytesStore}'s type hierarchy, which generated code uses.
     */
    private static String consumerClassPath() throws URISyntaxException {
        Set<String> entries = new LinkedHashSet<>();
        entries.add(location(LiveValue.class));
        entries.add(location(ValueLayout.class));
        Deque<Class<?>> hierarchy = new ArrayDeque<>(List.of(BytesStore.class));
        Set<Class<?>> seen = new LinkedHashSet<>();
        while (!hierarchy.isEmpty()) {
            Class<?> type = hierarchy.poll();
            if (!seen.add(type) || type.getProtectionDomain().getCodeSource() == null) {
                continue; // JDK classes have no code source
            }
            entries.add(location(type));
            hierarchy.addAll(List.of(type.getInterfaces()));
            if (type.getSuperclass() != null) {
                hierarchy.add(type.getSuperclass());
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }
}
