package io.livestore.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.livestore.processor.Compile.lineOf;
import static io.livestore.processor.Compile.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shape of the generated {@code XStore} and {@code XView} as a user's code meets it: what
 * compiles against them and what does not. Their behaviour is tested by running them (samples);
 * their text by {@link GoldenTest}.
 */
class StoreAndViewTest {

    @TempDir
    Path earlier;

    private static final JavaFileObject PLAYER = source("test.Player", """
            package test;

            @io.livestore.annotations.LiveValue
            public record Player(int hp, Position at) {}
            """);

    private static final JavaFileObject POSITION = source("test.Position", """
            package test;

            @io.livestore.annotations.LiveValue
            public record Position(double x, double y) {}
            """);

    private static final JavaFileObject GAME_ERROR = source("test.GameError", """
            package test;

            public class GameError extends Exception {
                public GameError(String why) { super(why); }
            }
            """);

    /** A closed set: a sealed parent with a checked rejection. */
    private static final JavaFileObject CHANGE = source("test.Change", """
            package test;

            import io.livestore.annotations.Mutation;
            import io.livestore.runtime.store.Mutator;

            public sealed interface Change extends Mutator<Player, GameError> permits Change.Damage, Change.Heal {
                @Mutation
                record Damage(int amount) implements Change {
                    public Player apply(Player p) throws GameError {
                        if (p.hp() == 0) throw new GameError("down");
                        return new Player(Math.max(0, p.hp() - amount), p.at());
                    }
                }

                @Mutation
                record Heal(int amount) implements Change {
                    public Player apply(Player p) { return new Player(p.hp() + amount, p.at()); }
                }
            }
            """);

    private static String text(JavaFileObject file) {
        try {
            return file.getCharContent(true).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String generated(Compilation c, String className) {
        return text(c.generatedSourceFile(className).orElseThrow());
    }

    /**
     * Compiles with every lint and doclint on, and asserts that the generated code gets no
     * diagnostic at all (the test's own sources, undocumented, may).
     */
    private static Compilation compileStrictly(JavaFileObject... sources) {
        Compilation c = Compiler.javac().withProcessors(new LiveStoreProcessor())
                .withOptions("-Xlint:all", "-Xdoclint:all/protected").compile(sources);
        assertThat(c).succeeded();
        List<String> generatedFiles = c.generatedSourceFiles().stream().map(f -> f.toUri().toString()).toList();
        List<String> onGenerated = c.diagnostics().stream()
                .filter(d -> d.getSource() != null && generatedFiles.contains(d.getSource().toUri().toString()))
                .map(Object::toString).toList();
        assertEquals(List.of(), onGenerated);
        return c;
    }

    @Test
    void storeAndView_compileUnderEveryLintAndDoclint() {
        Compilation c = compileStrictly(PLAYER, POSITION, GAME_ERROR, CHANGE);
        for (String type : List.of("test.PlayerStore", "test.PlayerView", "test.PositionStore", "test.PositionView")) {
            assertTrue(c.generatedSourceFile(type).isPresent(), type);
        }
    }

    @Test
    void mutate_withASealedParent_takesItAndThrowsItsRejection() {
        JavaFileObject user = source("test.User", """
                package test;

                class User {
                    Player hit(PlayerStore store, java.util.UUID key) throws GameError {
                        store.heal(key, 5);
                        return store.mutate(key, new Change.Damage(3));
                    }
                }
                """);
        assertThat(Compile.compile(PLAYER, POSITION, GAME_ERROR, CHANGE, user)).succeededWithoutWarnings();
    }

    @Test
    void mutate_withASealedParent_refusesALambdaAtCompileTime() {
        JavaFileObject user = source("test.User", """
                package test;

                class User {
                    Player hit(PlayerStore store, java.util.UUID key) throws GameError {
                        return store.mutate(key, p -> p);
                    }
                }
                """);
        Compilation c = Compile.compile(PLAYER, POSITION, GAME_ERROR, CHANGE, user);
        assertThat(c).hadErrorContaining("Change").inFile(user).onLine(lineOf(user, "p -> p"));
    }

    @Test
    void mutate_withASealedParent_mustHandleTheRejection() {
        JavaFileObject user = source("test.User", """
                package test;

                class User {
                    Player hit(PlayerStore store, java.util.UUID key) {
                        return store.damage(key, 3);
                    }
                }
                """);
        Compilation c = Compile.compile(PLAYER, POSITION, GAME_ERROR, CHANGE, user);
        assertThat(c).hadErrorContaining("unreported exception test.GameError").inFile(user)
                .onLine(lineOf(user, "store.damage"));
    }

    @Test
    void mutate_withoutASealedParent_isGenericOverEachMutationsRejection() {
        JavaFileObject bump = source("test.Bump", """
                package test;

                @io.livestore.annotations.Mutation
                public record Bump(int by) implements io.livestore.runtime.store.Mutator<Player, RuntimeException> {
                    public Player apply(Player p) { return new Player(p.hp() + by, p.at()); }
                }
                """);
        JavaFileObject user = source("test.User", """
                package test;

                class User {
                    Player bump(PlayerStore store, java.util.UUID key) {
                        store.bump(key, 1);
                        return store.mutate(key, new Bump(2));
                    }
                }
                """);
        Compilation c = compileStrictly(PLAYER, POSITION, bump, user);
        assertTrue(generated(c, "test.PlayerStore").contains(
                "public <E extends Exception> Player mutate(UUID key, Mutator<Player, E> mutation) throws E {"));
    }

    /**
     * A shortcut is skipped, and the store's javadoc says why, when its name is a store method,
     * a method of {@code Object}, a keyword, or shared by two mutations; a component named like a
     * parameter or the store's field is renamed.
     */
    @Test
    void shortcuts_whoseNamesClash_areSkippedAndDocumented() {
        JavaFileObject mutations = source("test.Moves", """
                package test;

                import io.livestore.annotations.Mutation;
                import io.livestore.runtime.store.Mutator;

                public final class Moves {
                    private Moves() {}

                    @Mutation
                    public record Remove(int amount) implements Mutator<Player, RuntimeException> {
                        public Player apply(Player p) { return p; }
                    }

                    @Mutation
                    public record Default() implements Mutator<Player, RuntimeException> {
                        public Player apply(Player p) { return p; }
                    }

                    @Mutation
                    public record HashCode() implements Mutator<Player, RuntimeException> {
                        public Player apply(Player p) { return p; }
                    }

                    @Mutation
                    public record Teleport(java.util.UUID key, int store) implements Mutator<Player, RuntimeException> {
                        public Player apply(Player p) { return p; }
                    }

                    public static final class A {
                        private A() {}

                        @Mutation(name = "a.set")
                        public record Set(int hp) implements Mutator<Player, RuntimeException> {
                            public Player apply(Player p) { return new Player(hp, p.at()); }
                        }
                    }

                    public static final class B {
                        private B() {}

                        @Mutation(name = "b.set")
                        public record Set(int hp) implements Mutator<Player, RuntimeException> {
                            public Player apply(Player p) { return new Player(hp, p.at()); }
                        }
                    }
                }
                """);
        Compilation c = compileStrictly(PLAYER, POSITION, mutations);
        String store = generated(c, "test.PlayerStore");
        assertTrue(store.contains("{@link Moves.Remove}: the store already has a method remove(...)"), store);
        assertTrue(store.contains("{@link Moves.Default}: default is a Java keyword"), store);
        assertTrue(store.contains("{@link Moves.HashCode}: hashCode(...) is a method of Object"), store);
        assertTrue(store.contains("{@link Moves.A.Set}: another mutation has the same simple name"), store);
        assertTrue(store.contains("{@link Moves.B.Set}: another mutation has the same simple name"), store);
        assertTrue(store.contains("public Player teleport(UUID key, UUID key_, int store_) {"), store);
        assertFalse(store.contains("Player remove(UUID key, int amount)"), store);
    }

    @Test
    void view_readsNestedValuesThroughTheirViews() {
        Compilation c = compileStrictly(PLAYER, POSITION);
        String view = generated(c, "test.PlayerView");
        assertTrue(view.contains("public PositionView at() {"), view);
        assertTrue(view.contains("private final PositionView at = new PositionView(this, PlayerLayout.AT_OFFSET);"), view);
    }

    /**
     * A nested value compiled elsewhere without a view (by an earlier version of the processor)
     * is read as a whole record instead.
     */
    @Test
    void view_ofANestedValueWithoutAView_readsTheRecord() {
        JavaFileObject fakeLayout = source("other.PointLayout", """
                package other;

                public final class PointLayout implements io.livestore.runtime.layout.ValueLayout<Point> {
                    public static final PointLayout INSTANCE = new PointLayout();
                    public Class<Point> valueType() { return Point.class; }
                    public int size() { return 8; }
                    public long fingerprint() { return 1; }
                    public String description() { return "other.Point{x:long}"; }
                    public void encode(Point v, net.openhft.chronicle.bytes.BytesStore<?, ?> b, long o) {
                        b.writeLong(o, v.x());
                    }
                    public Point decode(net.openhft.chronicle.bytes.BytesStore<?, ?> b, long o) { return read(b, o); }
                    public static Point read(net.openhft.chronicle.bytes.BytesStore<?, ?> b, long o) {
                        return new Point(b.readLong(o));
                    }
                    public static void validate(Point v) {}
                    public static void writeValidated(Point v, net.openhft.chronicle.bytes.BytesStore<?, ?> b, long o) {
                        b.writeLong(o, v.x());
                    }
                }
                """);
        JavaFileObject point = source("other.Point", """
                package other;

                @io.livestore.annotations.LiveValue
                public record Point(long x) {}
                """);
        JavaFileObject holder = source("test.Holder", """
                package test;

                @io.livestore.annotations.LiveValue
                public record Holder(other.Point p) {}
                """);
        // Compile Point with the processor off, as a module built by an older processor would be
        // (its layout is hand-written here), then Holder against it.
        Compilation first = Compiler.javac().withOptions("-proc:none").compile(point, fakeLayout);
        assertThat(first).succeeded();
        EarlierBuild.writeClasses(first, earlier);
        Compilation c = EarlierBuild.compileWithClassPath(earlier, holder);
        assertThat(c).succeededWithoutWarnings();
        String view = generated(c, "test.HolderView");
        assertTrue(view.contains("public Point p() {"), view);
        assertFalse(view.contains("PointView"), view);
    }
}
