package io.livestore.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.livestore.processor.Compile.lineOf;
import static io.livestore.processor.Compile.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor meets its own earlier output: an IDE or Gradle recompiling some files with the
 * last build's classes on the class path, and a mutation in another module than its value.
 */
class IncrementalTest {

    private static final String PLAYER = """
            package test;

            @io.livestore.annotations.LiveValue
            public record Player(int hp) {}
            """;

    private static final String BUMP = """
            package test;

            @io.livestore.annotations.Mutation
            public record Bump(int by) implements io.livestore.runtime.store.Mutator<Player, RuntimeException> {
                public Player apply(Player p) { return new Player(p.hp() + by); }
            }
            """;

    @TempDir
    Path earlier;

    private void buildEarlier(JavaFileObject... sources) {
        Compilation c = Compile.compile(sources);
        assertThat(c).succeededWithoutWarnings();
        EarlierBuild.writeClasses(c, earlier);
    }

    @Test
    void value_recompiledWithItsEarlierOutputOnTheClassPath_isGeneratedAfresh() {
        buildEarlier(source("test.Player", PLAYER), source("test.Bump", BUMP));
        // The record gained a component; an IDE recompiles it and its mutation.
        JavaFileObject player = source("test.Player", """
                package test;

                @io.livestore.annotations.LiveValue
                public record Player(int hp, long score) {}
                """);
        JavaFileObject bump = source("test.Bump", BUMP.replace("new Player(p.hp() + by)", "new Player(p.hp() + by, 0)"));
        Compilation c = EarlierBuild.compileWithClassPath(earlier, player, bump);
        assertThat(c).succeededWithoutWarnings();
        GeneratedClasses classes = new GeneratedClasses(c);
        assertEquals(16, classes.constant("test.PlayerLayout", "SIZE"));
        assertTrue(c.generatedSourceFile("test.PlayerMutations").isPresent());
    }

    @Test
    void valueWithMessages_recompiledWithItsEarlierOutputOnTheClassPath_isGeneratedAfresh() {
        String ping = "package test;\n\npublic record Ping(long at) {}\n";
        String player = """
                package test;

                @io.livestore.annotations.LiveValue(messages = Ping.class)
                public record Player(int hp) {}
                """;
        buildEarlier(source("test.Player", player), source("test.Ping", ping));
        Compilation c = EarlierBuild.compileWithClassPath(earlier, source("test.Player", player),
                source("test.Ping", ping.replace("long at", "long at, int seq")));
        assertThat(c).succeededWithoutWarnings();
        assertEquals(12, new GeneratedClasses(c).constant("test.PlayerMessages", "PING_SIZE"));
    }

    @Test
    void mutation_recompiledAloneWithTheSameEncoding_isAccepted() {
        buildEarlier(source("test.Player", PLAYER), source("test.Bump", BUMP));
        // Only the body of apply changed: the earlier PlayerMutations still encodes Bump rightly.
        JavaFileObject bump = source("test.Bump", BUMP.replace("p.hp() + by", "p.hp() + 2 * by"));
        Compilation c = EarlierBuild.compileWithClassPath(earlier, bump);
        assertThat(c).succeededWithoutWarnings();
        assertTrue(c.generatedSourceFiles().isEmpty());
    }

    @Test
    void mutation_recompiledAloneWithAnotherEncoding_isAnErrorOnTheMutation() {
        buildEarlier(source("test.Player", PLAYER), source("test.Bump", BUMP));
        JavaFileObject bump = source("test.Bump", BUMP.replace("int by", "long by").replace("p.hp() + by", "p.hp() + (int) by"));
        Compilation c = EarlierBuild.compileWithClassPath(earlier, bump);
        assertThat(c).hadErrorContaining("mutation test.Bump changes test.Player, which is compiled separately, and the "
                + "PlayerMutations generated when test.Player was compiled was generated from other versions of its "
                + "mutations; the mutations of a value are a closed set, fixed when the value is compiled, so compile "
                + "test.Bump together with test.Player (in the same module), or rebuild both")
                .inFile(bump).onLine(lineOf(bump, "record Bump"));
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void mutation_inAnotherModuleThanItsValue_isAnErrorOnTheMutation() {
        buildEarlier(source("test.Player", PLAYER));
        JavaFileObject heal = source("other.Heal", """
                package other;

                @io.livestore.annotations.Mutation
                public record Heal(int amount) implements io.livestore.runtime.store.Mutator<test.Player, RuntimeException> {
                    public test.Player apply(test.Player p) { return new test.Player(p.hp() + amount); }
                }
                """);
        Compilation c = EarlierBuild.compileWithClassPath(earlier, heal);
        assertThat(c).hadErrorContaining("mutation other.Heal changes test.Player, which is compiled separately, and "
                + "the PlayerMutations generated when test.Player was compiled does not contain it;")
                .inFile(heal).onLine(lineOf(heal, "record Heal"));
        assertThat(c).hadErrorCount(1);
    }
}
