package io.livestore.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.livestore.processor.Compile.compileWith;
import static io.livestore.processor.Compile.lineOf;
import static io.livestore.processor.Compile.source;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import io.livestore.runtime.store.MutationSet;
import io.livestore.runtime.layout.ValueLayout;
import io.livestore.runtime.store.Mutator;
import java.util.Map;
import javax.tools.JavaFileObject;
import net.openhft.chronicle.bytes.BytesStore;
import org.junit.jupiter.api.Test;

/** Inputs that other processors generate, in the same round as ours or later. */
class RoundsTest {

    private static final JavaFileObject TRIGGER = source("test.Trigger", """
            package test;

            public class Trigger {}
            """);

    private static final JavaFileObject PLAYER = source("test.Player", """
            package test;

            @io.livestore.annotations.LiveValue
            public record Player(int hp) {}
            """);

    private static final String BUMP = """
            package test;

            @io.livestore.annotations.Mutation
            public record Bump(int by) implements io.livestore.runtime.store.Mutator<Player, RuntimeException> {
                public Player apply(Player p) { return new Player(p.hp() + by); }
            }
            """;

    @SuppressWarnings("unchecked")
    private static <T> T instance(GeneratedClasses classes, String className) {
        return (T) classes.constant(className, "INSTANCE");
    }

    @Test
    void valueAndMutation_generatedByAnotherProcessor() throws Exception {
        Map<String, String> generated = Map.of(
                "test.Gen", """
                        package test;

                        @io.livestore.annotations.LiveValue
                        public record Gen(int a, @io.livestore.annotations.MaxLength(4) String s) {}
                        """,
                "test.GenBump", """
                        package test;

                        @io.livestore.annotations.Mutation
                        public record GenBump(int by) implements io.livestore.runtime.store.Mutator<Gen, RuntimeException> {
                            public Gen apply(Gen g) { return new Gen(g.a() + by, g.s()); }
                        }
                        """);
        Compilation c = compileWith(new SourceGeneratingProcessor("test.Trigger", generated), TRIGGER);
        assertThat(c).succeededWithoutWarnings();
        GeneratedClasses classes = new GeneratedClasses(c);
        ValueLayout<Object> layout = instance(classes, "test.GenLayout");
        MutationSet<Object> mutations = instance(classes, "test.GenMutations");
        Object gen = classes.loadClass("test.Gen").getConstructors()[0].newInstance(41, "abc");
        Object bump = classes.loadClass("test.GenBump").getConstructors()[0].newInstance(1);
        BytesStore<?, ?> bytes = BytesStore.nativeStoreWithFixedCapacity(64);
        try {
            layout.encode(gen, bytes, 8);
            assertEquals(gen, layout.decode(bytes, 8));
            @SuppressWarnings("unchecked")
            int id = mutations.encode((Mutator<Object, ?>) bump, bytes, 32);
            assertEquals(classes.constant("test.GenMutations", "GEN_BUMP"), id);
            assertEquals("Gen[a=42, s=abc]", mutations.apply(id, bytes, 32, gen).toString());
        } finally {
            bytes.releaseLast();
        }
    }

    @Test
    void mutation_generatedInTheValuesRound_isInTheSet() {
        Compilation c = compileWith(new SourceGeneratingProcessor("test.Trigger", Map.of("test.Bump", BUMP)),
                TRIGGER, PLAYER);
        assertThat(c).succeededWithoutWarnings();
        GeneratedClasses classes = new GeneratedClasses(c);
        MutationSet<?> mutations = instance(classes, "test.PlayerMutations");
        assertArrayEquals(new int[] {(int) classes.constant("test.PlayerMutations", "BUMP")}, mutations.ids());
    }

    @Test
    void mutation_waitingForAGeneratedType_isInTheSet() {
        JavaFileObject swap = source("test.Swap", """
                package test;

                @io.livestore.annotations.Mutation
                public record Swap(Extra extra) implements io.livestore.runtime.store.Mutator<Player, RuntimeException> {
                    public Player apply(Player p) { return new Player(extra.hp()); }
                }
                """);
        String extra = """
                package test;

                @io.livestore.annotations.LiveValue
                public record Extra(int hp) {}
                """;
        Compilation c = compileWith(new SourceGeneratingProcessor("test.Trigger", Map.of("test.Extra", extra)),
                TRIGGER, PLAYER, swap);
        assertThat(c).succeededWithoutWarnings();
        GeneratedClasses classes = new GeneratedClasses(c);
        MutationSet<?> mutations = instance(classes, "test.PlayerMutations");
        assertArrayEquals(new int[] {(int) classes.constant("test.PlayerMutations", "SWAP")}, mutations.ids());
        assertEquals(8, classes.constant("test.PlayerMutations", "SWAP_SIZE"));
    }

    @Test
    void mutation_generatedAfterTheSet_isAnError() {
        Compilation c = compileWith(new SourceGeneratingProcessor("test.PlayerMutations", Map.of("test.Bump", BUMP)),
                PLAYER);
        assertThat(c).hadErrorContaining("mutation test.Bump of test.Player appeared in a later annotation-processing "
                + "round than the one that generated PlayerMutations, which therefore misses it; generate the mutation "
                + "in the same round as the value (or earlier)");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void sealedParent_permitsFromTheSameRound() {
        JavaFileObject change = source("test.Change", """
                package test;

                import io.livestore.annotations.Mutation;
                import io.livestore.runtime.store.Mutator;

                public sealed interface Change extends Mutator<Player, RuntimeException> permits Change.Hit, Change.More {
                    @Mutation
                    record Hit(int amount) implements Change {
                        public Player apply(Player p) { return new Player(p.hp() - amount); }
                    }

                    sealed interface More extends Change permits Heal {}

                    // Permitted, so in the set, though not annotated.
                    record Heal(short amount) implements More {
                        public Player apply(Player p) { return new Player(p.hp() + amount); }
                    }
                }
                """);
        Compilation c = Compile.compile(PLAYER, change);
        assertThat(c).succeededWithoutWarnings();
        GeneratedClasses classes = new GeneratedClasses(c);
        assertEquals(4, classes.constant("test.PlayerMutations", "CHANGE_HIT_SIZE"));
        assertEquals(2, classes.constant("test.PlayerMutations", "CHANGE_HEAL_SIZE"));
    }

    @Test
    void messageType_generatedByAnotherProcessor_valueWaitsForIt() {
        JavaFileObject chatty = source("test.Chatty", """
                package test;

                @io.livestore.annotations.LiveValue(messages = Note.class)
                public record Chatty(int volume) {}
                """);
        String note = """
                package test;

                public sealed interface Note permits Note.Say {
                    record Say(@io.livestore.annotations.MaxLength(8) String text) implements Note {}
                }
                """;
        Compilation c = compileWith(new SourceGeneratingProcessor("test.Trigger", Map.of("test.Note", note)),
                TRIGGER, chatty);
        assertThat(c).succeededWithoutWarnings();
        GeneratedClasses classes = new GeneratedClasses(c);
        assertEquals(9, classes.constant("test.ChattyMessages", "NOTE_SAY_SIZE"));
    }

    @Test
    void runtime_missingFromClassPath() throws Exception {
        java.io.File annotations = new java.io.File(
                io.livestore.annotations.LiveValue.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Compilation c = com.google.testing.compile.Compiler.javac()
                .withProcessors(new LiveStoreProcessor())
                .withClasspath(java.util.List.of(annotations))
                .compile(PLAYER);
        assertThat(c).hadErrorContaining("io.livestore.runtime.layout.ValueLayout is not on the class path; code "
                + "generated for @LiveValue needs io.livestore:livestore-runtime")
                .inFile(PLAYER).onLine(lineOf(PLAYER, "record Player"));
        assertThat(c).hadErrorCount(1);
    }
}
