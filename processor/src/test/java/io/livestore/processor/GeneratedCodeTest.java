package io.livestore.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.livestore.processor.Compile.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import io.livestore.processor.model.StableHash;
import io.livestore.runtime.layout.ValueLayout;
import io.livestore.runtime.store.MessageSet;
import io.livestore.runtime.store.MutationSet;
import io.livestore.runtime.store.Mutator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;
import java.util.UUID;
import javax.tools.JavaFileObject;
import net.openhft.chronicle.bytes.BytesStore;
import org.junit.jupiter.api.Test;

/**
 * Inputs a new user tried that broke the generated code (it did not compile, or compiled with
 * warnings, or behaved badly); each test compiles such an input and runs what was generated.
 */
class GeneratedCodeTest {

    @SuppressWarnings("unchecked")
    private static <T> T instance(GeneratedClasses classes, String className) {
        return (T) classes.constant(className, "INSTANCE");
    }

    /**
     * Generated code names {@code String}, {@code Class}, {@code Override} and other {@code
     * java.lang} types without imports; in a package that declares types of those names it must
     * qualify them. Nested types of the same names must not confuse it either.
     */
    @Test
    void javaLangNames_declaredInTheValuesPackage_areQualified() {
        List<JavaFileObject> sources = new ArrayList<>();
        for (String name : List.of("Class", "Object", "String", "Override", "Integer", "Float", "Double",
                "Exception", "IllegalArgumentException", "IllegalStateException", "StringBuilder", "SuppressWarnings",
                "Deprecated", "Math", "Long", "Void")) {
            sources.add(source("test." + name, "package test;\n\npublic class " + name + " {}\n"));
        }
        sources.add(source("test.Player", """
                package test;

                import io.livestore.annotations.MaxLength;

                @io.livestore.annotations.LiveValue
                public record Player(@MaxLength(8) java.lang.String name, float speed, double mass, Class kind) {
                    public enum Class { WARRIOR, MAGE }
                }
                """));
        sources.add(source("test.Rename", """
                package test;

                import io.livestore.annotations.MaxLength;

                @io.livestore.annotations.Mutation
                public record Rename(@MaxLength(8) java.lang.String name)
                        implements io.livestore.runtime.store.Mutator<Player, java.lang.RuntimeException> {
                    @java.lang.Override
                    public Player apply(Player p) { return new Player(name, p.speed(), p.mass(), p.kind()); }
                }
                """));
        Compilation c = Compile.compile(sources.toArray(JavaFileObject[]::new));
        assertThat(c).succeededWithoutWarnings();
        GeneratedClasses classes = new GeneratedClasses(c);
        ValueLayout<?> layout = instance(classes, "test.PlayerLayout");
        assertEquals("test.Player{name:String(8);speed:float;mass:double;kind:enum test.Player.Class}",
                layout.description());
    }

    /** What a strict build passes to javac: every lint, warnings as errors, and doclint. */
    private static Compilation compileStrictly(JavaFileObject... sources) {
        return com.google.testing.compile.Compiler.javac().withProcessors(new LiveStoreProcessor())
                .withOptions("-Xlint:all", "-Werror", "-Xdoclint:all/protected").compile(sources);
    }

    @Test
    void deprecatedValuesMutationsAndConstants_compileWithoutWarnings() {
        JavaFileObject player = source("test.Player", """
                package test;

                /**
                 * A deprecated value.
                 *
                 * @param hp hit points
                 * @param kind its kind
                 * @param old to be removed
                 */
                @Deprecated
                @io.livestore.annotations.LiveValue
                @SuppressWarnings("removal")
                public record Player(int hp, Kind kind, Old old) {
                    /** An enum with a deprecated constant. */
                    public enum Kind {
                        /** Current. */
                        NEW,
                        /** Deprecated. */
                        @Deprecated
                        OLD
                    }
                }
                """);
        JavaFileObject old = source("test.Old", """
                package test;

                /** An enum to be removed. */
                @Deprecated(forRemoval = true)
                public enum Old {
                    /** The only constant. */
                    ONLY
                }
                """);
        JavaFileObject hit = source("test.Hit", """
                package test;

                /**
                 * A deprecated mutation.
                 *
                 * @param amount the damage
                 */
                @Deprecated
                @io.livestore.annotations.Mutation
                @SuppressWarnings({"deprecation", "removal"})
                public record Hit(int amount) implements io.livestore.runtime.store.Mutator<Player, RuntimeException> {
                    @Override
                    public Player apply(Player p) { return new Player(p.hp() - amount, p.kind(), p.old()); }
                }
                """);
        Compilation c = compileStrictly(player, old, hit);
        assertThat(c).succeededWithoutWarnings();
    }

    @Test
    void valueWithoutMutations_compilesWithoutWarnings() {
        JavaFileObject point = source("test.Point", """
                package test;

                /**
                 * A value without mutations.
                 *
                 * @param x east
                 * @param tag a label
                 */
                @io.livestore.annotations.LiveValue
                public record Point(int x, @io.livestore.annotations.MaxLength(4) String tag) {}
                """);
        Compilation c = compileStrictly(point);
        assertThat(c).succeededWithoutWarnings();
        MutationSet<?> mutations = instance(new GeneratedClasses(c), "test.PointMutations");
        assertEquals(0, mutations.ids().length);
        assertEquals(0, mutations.maxEncodedSize());
        assertEquals("PointMutations[]", mutations.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mutations.name(42));
        assertEquals("no mutation of Point has id 0x2a; Point has no mutations", e.getMessage());
    }

    /**
     * An enum recompiled with a new constant, its value's layout not: writing the new constant
     * fails with a message that says what happened and what to do, on every JDK (a bare
     * {@code IncompatibleClassChangeError} on 17, {@code MatchException} on 21+ without it).
     */
    @Test
    void enumConstantAddedAfterGeneration_writeFailsWithAClearMessage() throws Exception {
        String kind = "package test;\n\npublic enum Kind { FIRE, ICE }\n";
        JavaFileObject player = source("test.Player", """
                package test;

                @io.livestore.annotations.LiveValue
                public record Player(int hp, Kind kind) {}
                """);
        JavaFileObject change = source("test.Change", """
                package test;

                @io.livestore.annotations.Mutation
                public record Change(Kind to) implements io.livestore.runtime.store.Mutator<Player, RuntimeException> {
                    public Player apply(Player p) { return new Player(p.hp(), to); }
                }
                """);
        Compilation first = Compile.compile(source("test.Kind", kind), player, change);
        assertThat(first).succeededWithoutWarnings();
        Compilation enumOnly = Compile.compile(source("test.Kind", kind.replace("ICE }", "ICE, STORM }")));
        assertThat(enumOnly).succeededWithoutWarnings();

        GeneratedClasses classes = new GeneratedClasses(first, enumOnly);
        Class<?> kindClass = classes.loadClass("test.Kind");
        Object storm = kindClass.getField("STORM").get(null);
        Object value = classes.loadClass("test.Player").getConstructors()[0].newInstance(1, storm);
        Object mutation = classes.loadClass("test.Change").getConstructors()[0].newInstance(storm);
        ValueLayout<Object> layout = instance(classes, "test.PlayerLayout");
        MutationSet<Object> mutations = instance(classes, "test.PlayerMutations");
        BytesStore<?, ?> bytes = BytesStore.nativeStoreWithFixedCapacity(64);
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> layout.encode(value, bytes, 0));
            assertEquals("Player.kind is test.Kind.STORM, a constant that PlayerLayout does not know: it was added to "
                    + "test.Kind after PlayerLayout was generated; recompile Player with the LiveStore processor so "
                    + "that PlayerLayout is generated again", e.getMessage());
            @SuppressWarnings("unchecked")
            Mutator<Object, ?> m = (Mutator<Object, ?>) mutation;
            e = assertThrows(IllegalStateException.class, () -> mutations.encode(m, bytes, 0));
            assertEquals("Change.to is test.Kind.STORM, a constant that PlayerMutations does not know: it was added to "
                    + "test.Kind after PlayerMutations was generated; recompile Change with the LiveStore processor so "
                    + "that PlayerMutations is generated again", e.getMessage());
        } finally {
            bytes.releaseLast();
        }
    }

    /**
     * {@code @LiveValue(messages = ...)}: a sealed interface of records (one through a nested
     * sealed interface), and a single record; each message goes through bytes and back.
     */
    @Test
    void messages_roundTripThroughTheGeneratedSet() throws Exception {
        JavaFileObject msg = source("test.Msg", """
                package test;

                import io.livestore.annotations.MaxLength;

                /** What a room's subscribers receive. */
                public sealed interface Msg permits Msg.Say, Msg.Signal {
                    /**
                     * A line of chat.
                     *
                     * @param text the text
                     * @param from who said it
                     */
                    record Say(@MaxLength(32) String text, java.util.UUID from) implements Msg {}

                    /** Signals. */
                    sealed interface Signal extends Msg permits Ping, Leave {}

                    /**
                     * A ping.
                     *
                     * @param at when
                     */
                    record Ping(java.time.Instant at) implements Signal {}

                    /** Someone left. */
                    record Leave() implements Signal {}
                }
                """);
        JavaFileObject room = source("test.Room", """
                package test;

                /**
                 * A room.
                 *
                 * @param size how many
                 */
                @io.livestore.annotations.LiveValue(messages = Msg.class)
                public record Room(int size) {}
                """);
        JavaFileObject tick = source("test.Tick", """
                package test;

                /**
                 * The only message of a clock.
                 *
                 * @param n its number
                 */
                public record Tick(long n) {}
                """);
        JavaFileObject clock = source("test.Clock", """
                package test;

                /**
                 * A clock.
                 *
                 * @param hz its rate
                 */
                @io.livestore.annotations.LiveValue(messages = Tick.class)
                public record Clock(int hz) {}
                """);
        Compilation c = compileStrictly(msg, room, tick, clock);
        assertThat(c).succeededWithoutWarnings();
        GeneratedClasses classes = new GeneratedClasses(c);
        MessageSet<Object> rooms = instance(classes, "test.RoomMessages");
        MessageSet<Object> clocks = instance(classes, "test.ClockMessages");
        assertEquals(classes.loadClass("test.Msg"), rooms.messageType());
        assertEquals(List.of("test.Msg.Leave", "test.Msg.Ping", "test.Msg.Say"),
                Arrays.stream(rooms.ids()).mapToObj(rooms::name).sorted().toList());
        Object say = classes.loadClass("test.Msg$Say").getConstructors()[0].newInstance("h\u00e9llo", new UUID(1, 2));
        Object ping = classes.loadClass("test.Msg$Ping").getConstructors()[0].newInstance(Instant.ofEpochSecond(3, 4));
        Object leave = classes.loadClass("test.Msg$Leave").getConstructors()[0].newInstance();
        Object tickMessage = classes.loadClass("test.Tick").getConstructors()[0].newInstance(7L);
        BytesStore<?, ?> bytes = BytesStore.nativeStoreWithFixedCapacity(128);
        try {
            for (Object message : List.of(say, ping, leave)) {
                int id = rooms.encode(message, bytes, 16);
                assertEquals(rooms.idOf(message), id);
                assertEquals(message, rooms.decode(id, bytes, 16));
                assertTrue(rooms.encodedSize(id) <= rooms.maxEncodedSize());
            }
            int id = clocks.encode(tickMessage, bytes, 3);
            assertEquals(tickMessage, clocks.decode(id, bytes, 3));
            assertEquals(8, clocks.encodedSize(id));
            assertEquals("test.Tick", clocks.name(id));
            assertThrows(NullPointerException.class, () -> rooms.idOf(null));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rooms.decode(42, bytes, 0));
            assertEquals("no message of Room has id 0x2a; known: " + String.join(", ",
                    Arrays.stream(rooms.ids()).mapToObj(i -> rooms.name(i).substring("test.".length()).replace('.', '_'))
                            .toList()), e.getMessage());
        } finally {
            bytes.releaseLast();
        }
    }

    /** A generic sealed parent shared by the mutations of two values: each set gets its own. */
    @Test
    void genericSealedParent_sharedByTwoValues_splitsByValue() {
        JavaFileObject values = source("test.Values", """
                package test;

                import io.livestore.annotations.LiveValue;

                public interface Values {
                    @LiveValue
                    record Player(int hp) {}

                    @LiveValue
                    record Guild(long members) {}
                }
                """);
        JavaFileObject command = source("test.Command", """
                package test;

                import io.livestore.annotations.Mutation;
                import io.livestore.runtime.store.Mutator;

                public sealed interface Command<V> extends Mutator<V, RuntimeException>
                        permits Command.Hit, Command.Heal, Command.Join {
                    @Mutation
                    record Hit(int amount) implements Command<Values.Player> {
                        public Values.Player apply(Values.Player p) { return new Values.Player(p.hp() - amount); }
                    }

                    // Not annotated: in its value's set because the sealed parent permits it.
                    record Heal(int amount) implements Command<Values.Player> {
                        public Values.Player apply(Values.Player p) { return new Values.Player(p.hp() + amount); }
                    }

                    @Mutation
                    record Join(int count) implements Command<Values.Guild> {
                        public Values.Guild apply(Values.Guild g) { return new Values.Guild(g.members() + count); }
                    }
                }
                """);
        Compilation c = Compile.compile(values, command);
        assertThat(c).succeededWithoutWarnings();
        GeneratedClasses classes = new GeneratedClasses(c);
        MutationSet<?> player = instance(classes, "test.Values_PlayerMutations");
        MutationSet<?> guild = instance(classes, "test.Values_GuildMutations");
        assertEquals(List.of("test.Command.Heal", "test.Command.Hit"),
                Arrays.stream(player.ids()).mapToObj(player::name).sorted().toList());
        assertEquals(List.of("test.Command.Join"), Arrays.stream(guild.ids()).mapToObj(guild::name).toList());
    }

    /**
     * javac refuses a string constant over 65535 UTF-8 bytes. The description of a value inlines
     * those of its nested values, so it may be far longer: here about 91 KB.
     */
    @Test
    void description_longerThanAClassFileConstant_compilesAndKeepsItsFingerprint() {
        StringJoiner leafComponents = new StringJoiner(", ");
        StringJoiner leafDescription = new StringJoiner(";", "test.Leaf{", "}");
        for (int i = 0; i < 30; i++) {
            String name = "aComponentWithARatherLongNameNumber" + i;
            leafComponents.add("int " + name);
            leafDescription.add(name + ":int");
        }
        StringJoiner midComponents = new StringJoiner(", ");
        StringJoiner midDescription = new StringJoiner(";", "test.Mid{", "}");
        for (int i = 0; i < 8; i++) {
            midComponents.add("Leaf leaf" + i);
            midDescription.add("leaf" + i + ":" + leafDescription);
        }
        StringJoiner topComponents = new StringJoiner(", ");
        StringJoiner topDescription = new StringJoiner(";", "test.Top{", "}");
        for (int i = 0; i < 9; i++) {
            topComponents.add("Mid mid" + i);
            topDescription.add("mid" + i + ":" + midDescription);
        }
        List<JavaFileObject> sources = new ArrayList<>();
        for (String[] record : new String[][] {{"Leaf", leafComponents.toString()}, {"Mid", midComponents.toString()},
                {"Top", topComponents.toString()}}) {
            sources.add(source("test." + record[0], "package test;\n\n@io.livestore.annotations.LiveValue\npublic record "
                    + record[0] + "(" + record[1] + ") {}\n"));
        }
        sources.add(source("test.Swap", """
                package test;

                @io.livestore.annotations.Mutation
                public record Swap(Top next) implements io.livestore.runtime.store.Mutator<Top, RuntimeException> {
                    public Top apply(Top current) { return next; }
                }
                """));
        String expected = topDescription.toString();
        assertTrue(expected.length() > 65_535, "long enough: " + expected.length());

        Compilation c = Compile.compile(sources.toArray(JavaFileObject[]::new));
        assertThat(c).succeededWithoutWarnings();
        GeneratedClasses classes = new GeneratedClasses(c);
        ValueLayout<?> top = instance(classes, "test.TopLayout");
        assertEquals(expected, top.description());
        assertEquals(StableHash.hash64("livestore-layout-v1:" + expected), top.fingerprint());
        assertEquals("TopLayout[" + top.size() + " bytes, " + expected + "]", top.toString());
    }
}
