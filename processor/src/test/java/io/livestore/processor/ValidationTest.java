package io.livestore.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.livestore.processor.Compile.compile;
import static io.livestore.processor.Compile.lineOf;
import static io.livestore.processor.Compile.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * One test per diagnostic in {@code Message}: its exact text, on the offending element (file and
 * line). Every test also checks that nothing else went wrong, by counting errors.
 */
class ValidationTest {

    private static final String SUPPORTED = "supported types are: boolean, byte, short, char, int, long, float, "
            + "double, enums, java.util.UUID, java.time.Instant, String with @MaxLength, and records annotated "
            + "@LiveValue";

    private static final JavaFileObject PLAYER = source("test.Player", """
            package test;

            import io.livestore.annotations.LiveValue;

            @LiveValue
            public record Player(int hp) {}
            """);

    private static void assertError(Compilation c, JavaFileObject file, String snippet, String message) {
        assertThat(c).hadErrorContaining(message).inFile(file).onLine(lineOf(file, snippet));
    }

    @Test
    void liveValue_onClass() {
        JavaFileObject src = source("test.Point", """
                package test;

                @io.livestore.annotations.LiveValue
                public class Point {
                    int x;
                }
                """);
        Compilation c = compile(src);
        assertError(c, src, "public class Point", "@LiveValue applies to records only, but test.Point is a class; "
                + "declare it as 'record Point(...)'");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void mutation_onInterface() {
        JavaFileObject src = source("test.Change", """
                package test;

                @io.livestore.annotations.Mutation
                public interface Change {}
                """);
        Compilation c = compile(src);
        assertError(c, src, "interface Change", "@Mutation applies to records only, but test.Change is an interface");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void liveValue_withoutComponents() {
        JavaFileObject src = source("test.Empty", """
                package test;

                @io.livestore.annotations.LiveValue
                public record Empty() {}
                """);
        Compilation c = compile(src);
        assertError(c, src, "record Empty", "@LiveValue record test.Empty has no components; a value needs at least one");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void liveValue_generic() {
        JavaFileObject src = source("test.Box", """
                package test;

                @io.livestore.annotations.LiveValue
                public record Box<T, U>(int size) {}
                """);
        Compilation c = compile(src);
        assertError(c, src, "record Box", "@LiveValue record test.Box is generic; a fixed layout needs concrete "
                + "types, so remove the type parameters <T, U>");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void component_unsupportedTypes() {
        JavaFileObject src = source("test.Bag", """
                package test;

                import java.util.List;

                @io.livestore.annotations.LiveValue
                public record Bag(
                        int ok,
                        List<String> items,
                        Object anything,
                        long[] numbers,
                        Integer boxed) {}
                """);
        Compilation c = compile(src);
        assertError(c, src, "List<String> items", "component Bag.items has type java.util.List<java.lang.String>, "
                + "which LiveStore cannot store; " + SUPPORTED);
        assertError(c, src, "Object anything", "component Bag.anything has type java.lang.Object, which LiveStore "
                + "cannot store; " + SUPPORTED);
        assertError(c, src, "long[] numbers", "component Bag.numbers has type long[], which LiveStore cannot store");
        assertError(c, src, "Integer boxed", "component Bag.boxed has type java.lang.Integer, which LiveStore "
                + "cannot store");
        assertThat(c).hadErrorCount(4);
    }

    @Test
    void component_recordThatIsNotLiveValue() {
        JavaFileObject src = source("test.Outer", """
                package test;

                @io.livestore.annotations.LiveValue
                public record Outer(Plain inner) {
                    public record Plain(int x) {}
                }
                """);
        Compilation c = compile(src);
        assertError(c, src, "Plain inner", "component Outer.inner has type test.Outer.Plain, which LiveStore "
                + "cannot store");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void string_withoutMaxLength() {
        JavaFileObject src = source("test.Named", """
                package test;

                @io.livestore.annotations.LiveValue
                public record Named(int id,
                        String name) {}
                """);
        Compilation c = compile(src);
        assertError(c, src, "String name", "String component Named.name needs @MaxLength(n): the layout has a fixed "
                + "size, so the maximum length in UTF-8 bytes must be known; for example @MaxLength(32) String name");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void maxLength_outOfRange() {
        JavaFileObject src = source("test.Named", """
                package test;

                import io.livestore.annotations.MaxLength;

                @io.livestore.annotations.LiveValue
                public record Named(
                        @MaxLength(0) String empty,
                        @MaxLength(65536) String huge,
                        @MaxLength(65535) String largest) {}
                """);
        Compilation c = compile(src);
        assertError(c, src, "String empty", "@MaxLength(0) on Named.empty is out of range; use 1 to 65535 "
                + "(UTF-8 bytes)");
        assertError(c, src, "String huge", "@MaxLength(65536) on Named.huge is out of range; use 1 to 65535 "
                + "(UTF-8 bytes)");
        assertThat(c).hadErrorCount(2);
    }

    @Test
    void maxLength_onNonString() {
        JavaFileObject src = source("test.Counter", """
                package test;

                import io.livestore.annotations.MaxLength;

                @io.livestore.annotations.LiveValue
                public record Counter(
                        @MaxLength(8) long count) {}
                """);
        Compilation c = compile(src);
        assertError(c, src, "long count", "@MaxLength applies to String components only, but Counter.count is long; "
                + "remove it");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void component_reservedName() {
        JavaFileObject src = source("test.Book", """
                package test;

                @io.livestore.annotations.LiveValue
                public record Book(int pages,
                        boolean read) {}
                """);
        Compilation c = compile(src);
        assertError(c, src, "boolean read", "component read of Book cannot be named 'read': the generated layout has "
                + "a method of that name; rename the component");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void component_namesGiveTheSameConstant() {
        JavaFileObject src = source("test.Stats", """
                package test;

                @io.livestore.annotations.LiveValue
                public record Stats(int size,
                        long SIZE,
                        int maxHp,
                        int max_hp) {}
                """);
        Compilation c = compile(src);
        assertError(c, src, "long SIZE", "component SIZE of test.Stats would generate the constant SIZE_OFFSET in "
                + "StatsLayout, as component size does; rename one of them");
        assertError(c, src, "int max_hp", "component max_hp of test.Stats would generate the constant MAX_HP_OFFSET in "
                + "StatsLayout, as component maxHp does; rename one of them");
        assertThat(c).hadErrorCount(2);
    }

    @Test
    void component_namedLikeAReaderOfAnother() {
        JavaFileObject src = source("test.Visit", """
                package test;

                @io.livestore.annotations.LiveValue
                public record Visit(java.util.UUID id,
                        long idMostSignificantBits,
                        java.time.Instant at,
                        int atNano,
                        @io.livestore.annotations.MaxLength(8) String name,
                        int nameUtf8Length) {}
                """);
        Compilation c = compile(src);
        assertError(c, src, "long idMostSignificantBits", "component idMostSignificantBits of test.Visit would "
                + "generate the reader idMostSignificantBits(bytes, offset) in VisitLayout, as component id does; "
                + "rename one of them");
        assertError(c, src, "int atNano", "component atNano of test.Visit would generate the reader "
                + "atNano(bytes, offset) in VisitLayout, as component at does; rename one of them");
        assertError(c, src, "int nameUtf8Length", "component nameUtf8Length of test.Visit would generate the reader "
                + "nameUtf8Length(bytes, offset) in VisitLayout, as component name does; rename one of them");
        assertThat(c).hadErrorCount(3);
    }

    @Test
    void enum_hashCollision() {
        // C45606 and C122674 share the first four bytes of their SHA-256 (0x471e0ca0).
        JavaFileObject src = source("test.Card", """
                package test;

                @io.livestore.annotations.LiveValue
                public record Card(int rank,
                        Kind kind) {
                    public enum Kind { C45606, OTHER, C122674 }
                }
                """);
        Compilation c = compile(src);
        assertError(c, src, "Kind kind", "constants C45606 and C122674 of enum test.Card.Kind have the same stored "
                + "hash 0x471e0ca0; rename one of them");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void enum_withoutConstants() {
        JavaFileObject src = source("test.Card", """
                package test;

                @io.livestore.annotations.LiveValue
                public record Card(int rank,
                        Nothing nothing) {
                    public enum Nothing {}
                }
                """);
        Compilation c = compile(src);
        assertError(c, src, "Nothing nothing", "component Card.nothing has type test.Card.Nothing, an enum without "
                + "constants, so it can hold no value; add a constant or remove the component");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void nested_cycle() {
        JavaFileObject a = source("test.A", """
                package test;

                @io.livestore.annotations.LiveValue
                public record A(int x,
                        B b) {}
                """);
        JavaFileObject b = source("test.B", """
                package test;

                @io.livestore.annotations.LiveValue
                public record B(
                        A a) {}
                """);
        JavaFileObject self = source("test.Self", """
                package test;

                @io.livestore.annotations.LiveValue
                public record Self(int depth,
                        Self next) {}
                """);
        Compilation c = compile(a, b, self);
        assertError(c, a, "B b", "@LiveValue test.A contains itself through A.b -> B.a; nested values are inlined, "
                + "so a cycle would have no finite size; break the cycle, for example with a UUID key to another entry");
        assertError(c, b, "A a", "@LiveValue test.B contains itself through B.a -> A.b");
        assertError(c, self, "Self next", "@LiveValue test.Self contains itself through Self.next;");
        assertThat(c).hadErrorCount(3);
    }

    @Test
    void record_notReachableFromGeneratedCode() {
        JavaFileObject src = source("test.Holder", """
                package test;

                public class Holder {
                    @io.livestore.annotations.LiveValue
                    private record Hidden(int x) {}
                }
                """);
        Compilation c = compile(src);
        assertError(c, src, "private record Hidden", "test.Holder.Hidden is private, so the generated "
                + "Holder_HiddenLayout in package test cannot use it; make it public (and every type that encloses it)");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void record_localToAMethod_isNotSeenByProcessors() {
        // javac hands annotation processors no local classes (JSR 269 scans members only), so
        // a local @LiveValue can neither be generated for nor reported; the processor keeps a
        // check for it (Accessibility.isLocal) in case a compiler ever does.
        JavaFileObject src = source("test.Game", """
                package test;

                public class Game {
                    void play() {
                        @io.livestore.annotations.LiveValue
                        record Score(int points) {}
                    }
                }
                """);
        Compilation c = compile(src);
        assertThat(c).succeededWithoutWarnings();
        org.junit.jupiter.api.Assertions.assertTrue(c.generatedSourceFiles().isEmpty());
    }

    @Test
    void component_privateEnumOfTheRecord() {
        JavaFileObject src = source("test.Pixel", """
                package test;

                @io.livestore.annotations.LiveValue
                public record Pixel(int x,
                        Shade shade) {
                    private enum Shade { DARK, LIGHT }
                }
                """);
        Compilation c = compile(src);
        assertError(c, src, "Shade shade", "test.Pixel.Shade is private, so the generated PixelLayout in package "
                + "test cannot use it; make it public (and every type that encloses it)");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void mutation_inOtherPackageNotPublic() {
        JavaFileObject change = source("other.Hit", """
                package other;

                @io.livestore.annotations.Mutation
                record Hit(int amount) implements io.livestore.runtime.store.Mutator<test.Player, RuntimeException> {
                    public test.Player apply(test.Player p) { return new test.Player(p.hp() - amount); }
                }
                """);
        Compilation c = compile(PLAYER, change);
        assertError(c, change, "record Hit", "other.Hit is package-private in other, so the generated "
                + "PlayerMutations in package test cannot use it; make it public (and every type that encloses it)");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void mutation_inTheUnnamedPackage_ofAValueInANamedOne() {
        JavaFileObject heal = source("Heal", """
                @io.livestore.annotations.Mutation
                public record Heal(int amount) implements io.livestore.runtime.store.Mutator<test.Player, RuntimeException> {
                    public test.Player apply(test.Player p) { return new test.Player(p.hp() + amount); }
                }
                """);
        Compilation c = compile(PLAYER, heal);
        assertError(c, heal, "record Heal", "Heal is in the unnamed package, so the generated PlayerMutations in "
                + "package test cannot use it: code in a named package cannot refer to a type of the unnamed package; "
                + "move it into a package");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void mutation_withAComponentTypeInTheUnnamedPackage() {
        JavaFileObject kind = source("Kind", """
                public enum Kind { FIRE, ICE }
                """);
        JavaFileObject hit = source("Hit", """
                @io.livestore.annotations.Mutation
                public record Hit(
                        Kind kind) implements io.livestore.runtime.store.Mutator<test.Player, RuntimeException> {
                    public test.Player apply(test.Player p) { return p; }
                }
                """);
        Compilation c = compile(PLAYER, kind, hit);
        assertError(c, hit, "record Hit", "Hit is in the unnamed package, so the generated PlayerMutations in package "
                + "test cannot use it");
        assertError(c, hit, "Kind kind", "Kind is in the unnamed package, so the generated PlayerMutations in package "
                + "test cannot use it");
        assertThat(c).hadErrorCount(2);
    }

    @Test
    void generatedName_alreadyTaken() {
        JavaFileObject taken = source("test.PlayerLayout", """
                package test;

                public class PlayerLayout {}
                """);
        Compilation c = compile(PLAYER, taken);
        assertError(c, PLAYER, "record Player", "cannot generate test.PlayerLayout for test.Player: the name is "
                + "already taken by class test.PlayerLayout; rename one of them");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void generatedName_takenByAStaleGeneratedSource() {
        // A build that passes last build's generated sources back to javac as sources.
        JavaFileObject stale = source("test.PlayerLayout", """
                package test;

                @javax.annotation.processing.Generated("io.livestore.processor.LiveStoreProcessor")
                public final class PlayerLayout {}
                """);
        Compilation c = compile(PLAYER, stale);
        assertError(c, PLAYER, "record Player", "cannot generate test.PlayerLayout for test.Player: an earlier version "
                + "of it, generated by LiveStore, is among the sources being compiled; delete it (clean the build) so "
                + "that it is generated afresh");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void generatedName_nestedAndTopLevelCollide() {
        JavaFileObject nested = source("test.Game", """
                package test;

                public class Game {
                    @io.livestore.annotations.LiveValue
                    public record Player(int hp) {}
                }
                """);
        JavaFileObject flat = source("test.Game_Player", """
                package test;

                @io.livestore.annotations.LiveValue
                public record Game_Player(int hp) {}
                """);
        Compilation c = compile(nested, flat);
        assertError(c, flat, "record Game_Player", "cannot generate test.Game_PlayerLayout for test.Game_Player: the "
                + "name is already taken by the code generated for test.Game.Player; rename one of them");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void mutation_notAMutator() {
        JavaFileObject src = source("test.Heal", """
                package test;

                @io.livestore.annotations.Mutation
                public record Heal(int amount) {}
                """);
        Compilation c = compile(PLAYER, src);
        assertError(c, src, "record Heal", "@Mutation record test.Heal does not implement "
                + "io.livestore.runtime.store.Mutator; add 'implements Mutator<YourValue, YourException>' (directly "
                + "or through a sealed interface)");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void mutation_rawMutator() {
        JavaFileObject src = source("test.Heal", """
                package test;

                @io.livestore.annotations.Mutation
                @SuppressWarnings("rawtypes")
                public record Heal(int amount) implements io.livestore.runtime.store.Mutator {
                    public Object apply(Object p) { return p; }
                }
                """);
        Compilation c = compile(PLAYER, src);
        assertError(c, src, "record Heal", "@Mutation record test.Heal implements the raw type Mutator, so the value it "
                + "changes is unknown; give Mutator its type arguments, as in 'Mutator<YourValue, YourException>'");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void mutation_rawMutatorThroughAnInterface() {
        JavaFileObject src = source("test.Change", """
                package test;

                @SuppressWarnings("rawtypes")
                public interface Change extends io.livestore.runtime.store.Mutator {
                    @io.livestore.annotations.Mutation
                    record Heal(int amount) implements Change {
                        public Object apply(Object p) { return p; }
                    }
                }
                """);
        Compilation c = compile(PLAYER, src);
        assertError(c, src, "record Heal", "@Mutation record test.Change.Heal implements the raw type Mutator through "
                + "test.Change, so the value it changes is unknown");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void mutation_onTheSealedInterface() {
        JavaFileObject src = source("test.Change", """
                package test;

                import io.livestore.runtime.store.Mutator;

                @io.livestore.annotations.Mutation
                public sealed interface Change extends Mutator<Player, RuntimeException> permits Change.Hit, Change.Heal {
                    record Hit(int amount) implements Change {
                        public Player apply(Player p) { return new Player(p.hp() - amount); }
                    }

                    record Heal(int amount) implements Change {
                        public Player apply(Player p) { return new Player(p.hp() + amount); }
                    }
                }
                """);
        Compilation c = compile(PLAYER, src);
        assertError(c, src, "public sealed interface Change", "@Mutation applies to records only, but test.Change is a "
                + "sealed interface; remove @Mutation from it and annotate the records it permits (Hit, Heal) instead");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void mutation_ofAValueThatIsNotLiveValue() {
        JavaFileObject src = source("test.Rename", """
                package test;

                import io.livestore.runtime.store.Mutator;

                @io.livestore.annotations.Mutation
                public record Rename(int id) implements Mutator<String, RuntimeException> {
                    public String apply(String s) { return s + id; }
                }
                """);
        Compilation c = compile(src);
        assertError(c, src, "record Rename", "@Mutation record test.Rename mutates java.lang.String, which is not a "
                + "record annotated @LiveValue");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void mutation_generic() {
        JavaFileObject src = source("test.Set", """
                package test;

                import io.livestore.runtime.store.Mutator;

                @io.livestore.annotations.Mutation
                public record Set<T>(int hp) implements Mutator<Player, RuntimeException> {
                    public Player apply(Player p) { return new Player(hp); }
                }
                """);
        Compilation c = compile(PLAYER, src);
        assertError(c, src, "record Set", "@Mutation record test.Set is generic; a fixed layout needs concrete types, "
                + "so remove the type parameters <T>");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void mutation_unsupportedComponent() {
        JavaFileObject src = source("test.Tag", """
                package test;

                import io.livestore.runtime.store.Mutator;

                @io.livestore.annotations.Mutation
                public record Tag(
                        StringBuilder label) implements Mutator<Player, RuntimeException> {
                    public Player apply(Player p) { return p; }
                }
                """);
        Compilation c = compile(PLAYER, src);
        assertError(c, src, "StringBuilder label", "component Tag.label has type java.lang.StringBuilder, which "
                + "LiveStore cannot store; " + SUPPORTED);
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void sealed_permitsAClass() {
        JavaFileObject src = source("test.Change", """
                package test;

                import io.livestore.runtime.store.Mutator;

                public sealed interface Change extends Mutator<Player, RuntimeException> permits Change.Hit, Change.Odd {
                    @io.livestore.annotations.Mutation
                    record Hit(int amount) implements Change {
                        public Player apply(Player p) { return new Player(p.hp() - amount); }
                    }

                    final class Odd implements Change {
                        public Player apply(Player p) { return p; }
                    }
                }
                """);
        Compilation c = compile(PLAYER, src);
        assertError(c, src, "sealed interface Change", "sealed test.Change permits test.Change.Odd, which is a class; "
                + "the mutations of a value must be records (or sealed interfaces whose permitted subtypes are records)");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void mutation_idCollision() {
        // "C45606" and "C122674" share the first four bytes of their SHA-256 (0x471e0ca0).
        JavaFileObject src = source("test.Changes", """
                package test;

                import io.livestore.annotations.Mutation;
                import io.livestore.runtime.store.Mutator;

                public interface Changes {
                    @Mutation(name = "C45606")
                    record First(int a) implements Mutator<Player, RuntimeException> {
                        public Player apply(Player p) { return p; }
                    }

                    @Mutation(name = "C122674")
                    record Second(int b) implements Mutator<Player, RuntimeException> {
                        public Player apply(Player p) { return p; }
                    }
                }
                """);
        Compilation c = compile(PLAYER, src);
        assertError(c, src, "record Second", "mutation test.Changes.Second has the same id (0x471e0ca0) as "
                + "test.Changes.First, another mutation of test.Player; give one of them a different "
                + "@Mutation(name = \"...\")");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void mutation_duplicateSimpleName() {
        JavaFileObject one = source("a.Damage", """
                package a;

                @io.livestore.annotations.Mutation
                public record Damage(int amount) implements io.livestore.runtime.store.Mutator<test.Player, RuntimeException> {
                    public test.Player apply(test.Player p) { return p; }
                }
                """);
        JavaFileObject two = source("b.Damage", """
                package b;

                @io.livestore.annotations.Mutation
                public record Damage(int amount) implements io.livestore.runtime.store.Mutator<test.Player, RuntimeException> {
                    public test.Player apply(test.Player p) { return p; }
                }
                """);
        Compilation c = compile(PLAYER, one, two);
        assertError(c, two, "record Damage", "mutations a.Damage and b.Damage of test.Player would both be named DAMAGE "
                + "in the generated code; rename one of them");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void mutation_namedLikeAGeneratedConstant() {
        JavaFileObject src = source("test.Instance", """
                package test;

                @io.livestore.annotations.Mutation
                public record Instance(int amount) implements io.livestore.runtime.store.Mutator<Player, RuntimeException> {
                    public Player apply(Player p) { return p; }
                }
                """);
        Compilation c = compile(PLAYER, src);
        assertError(c, src, "record Instance", "mutations PlayerMutations.INSTANCE and test.Instance of test.Player "
                + "would both be named INSTANCE in the generated code; rename one of them");
        assertThat(c).hadErrorCount(1);
    }

    private static JavaFileObject valueWithMessages(String messageType) {
        return source("test.Room", """
                package test;

                @io.livestore.annotations.LiveValue(
                        messages = %s)
                public record Room(int size) {}
                """.formatted(messageType));
    }

    @Test
    void messages_aClass() {
        JavaFileObject room = valueWithMessages("String.class");
        Compilation c = compile(room);
        assertError(c, room, "messages = String.class", "the message type of @LiveValue test.Room must be a record or "
                + "a sealed interface whose permitted subtypes are records, but java.lang.String is a class; name a "
                + "record (such as 'record Chat(@MaxLength(64) String text)') or a sealed interface that permits "
                + "records, or leave out 'messages =' for in-process messages of any type");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void messages_anInterfaceThatIsNotSealed() {
        JavaFileObject room = valueWithMessages("Runnable.class");
        Compilation c = compile(room);
        assertError(c, room, "messages = Runnable.class", "the message type of @LiveValue test.Room must be a record "
                + "or a sealed interface whose permitted subtypes are records, but java.lang.Runnable is an interface;");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void messages_aPrimitive() {
        JavaFileObject room = valueWithMessages("int.class");
        Compilation c = compile(room);
        assertError(c, room, "messages = int.class", "but int is a primitive type;");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void messages_generic() {
        JavaFileObject msg = source("test.Msg", """
                package test;

                public sealed interface Msg<T> permits Msg.Say {
                    record Say(int volume) implements Msg<String> {}
                }
                """);
        JavaFileObject room = valueWithMessages("Msg.class");
        Compilation c = compile(room, msg);
        assertError(c, room, "messages = Msg.class", "the message type test.Msg of @LiveValue test.Room is generic; "
                + "message codecs need concrete types, so remove the type parameters <T>");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void messages_sealedInterfacePermitsAClass() {
        JavaFileObject msg = source("test.Msg", """
                package test;

                public sealed interface Msg permits Msg.Say, Msg.Odd {
                    record Say(int volume) implements Msg {}

                    final class Odd implements Msg {}
                }
                """);
        JavaFileObject room = valueWithMessages("Msg.class");
        Compilation c = compile(room, msg);
        assertError(c, msg, "sealed interface Msg", "sealed test.Msg, the message type of test.Room, permits "
                + "test.Msg.Odd, which is a class; messages must be records (or sealed interfaces whose permitted "
                + "subtypes are records)");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void messages_recordWithAnUnsupportedOrUnboundedComponent() {
        JavaFileObject msg = source("test.Msg", """
                package test;

                public sealed interface Msg permits Msg.Say, Msg.More {
                    record Say(
                            String text) implements Msg {}

                    sealed interface More extends Msg permits Shout {}

                    record Shout(
                            Object loud) implements More {}
                }
                """);
        JavaFileObject room = valueWithMessages("Msg.class");
        Compilation c = compile(room, msg);
        assertError(c, msg, "String text", "String component Say.text needs @MaxLength(n)");
        assertError(c, msg, "Object loud", "component Shout.loud has type java.lang.Object, which LiveStore cannot store");
        assertThat(c).hadErrorCount(2);
    }

    @Test
    void messages_genericRecord() {
        JavaFileObject msg = source("test.Say", """
                package test;

                public record Say<T>(int volume) {}
                """);
        JavaFileObject room = valueWithMessages("Say.class");
        Compilation c = compile(room, msg);
        assertError(c, room, "messages = Say.class", "the message type test.Say of @LiveValue test.Room is generic");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void messages_recordNotReachableFromGeneratedCode() {
        JavaFileObject msg = source("other.Msg", """
                package other;

                public sealed interface Msg permits Say, Hidden {}
                """);
        JavaFileObject say = source("other.Say", """
                package other;

                public record Say(int volume) implements Msg {}
                """);
        JavaFileObject hidden = source("other.Hidden", """
                package other;

                record Hidden(int x) implements Msg {}
                """);
        JavaFileObject room = valueWithMessages("other.Msg.class");
        Compilation c = compile(room, msg, say, hidden);
        assertError(c, hidden, "record Hidden", "other.Hidden is package-private in other, so the generated "
                + "RoomMessages in package test cannot use it; make it public (and every type that encloses it)");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void messages_idCollision() {
        // "C45606" and "C122674" share the first four bytes of their SHA-256 (0x471e0ca0); ids of
        // messages derive from canonical names, so the records live in the unnamed package.
        JavaFileObject msg = source("Msg", """
                public sealed interface Msg permits C45606, C122674 {}
                """);
        JavaFileObject first = source("C45606", """
                public record C45606(int a) implements Msg {}
                """);
        JavaFileObject second = source("C122674", """
                public record C122674(int b) implements Msg {}
                """);
        JavaFileObject room = source("Room", """
                @io.livestore.annotations.LiveValue(messages = Msg.class)
                public record Room(int size) {}
                """);
        Compilation c = compile(room, msg, first, second);
        assertError(c, first, "record C45606", "message record C45606 has the same id (0x471e0ca0) as C122674, "
                + "another message of Room; ids derive from canonical names, so rename or move one of them");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void messages_twoRecordsWithTheSameGeneratedName() {
        JavaFileObject msg = source("test.Msg", """
                package test;

                public sealed interface Msg permits Msg.Say, Msg_Say {
                    record Say(int volume) implements Msg {}
                }
                """);
        JavaFileObject flat = source("test.Msg_Say", """
                package test;

                public record Msg_Say(int volume) implements Msg {}
                """);
        JavaFileObject room = valueWithMessages("Msg.class");
        Compilation c = compile(room, msg, flat);
        assertError(c, flat, "record Msg_Say", "message records test.Msg.Say and test.Msg_Say of test.Room would both "
                + "be named MSG_SAY in the generated code; rename one of them");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void everyError_reportedInOneBuild() {
        JavaFileObject src = source("test.Broken", """
                package test;

                import io.livestore.annotations.LiveValue;
                import io.livestore.annotations.Mutation;

                public interface Broken {
                    @LiveValue
                    record NoParts() {}

                    @LiveValue
                    record Loose(String name,
                            Thread worker) {}

                    @Mutation
                    record Stray(int x) {}

                    @LiveValue
                    class NotARecord {}
                }
                """);
        Compilation c = compile(src);
        assertError(c, src, "record NoParts", "has no components");
        assertError(c, src, "String name", "needs @MaxLength(n)");
        assertError(c, src, "Thread worker", "has type java.lang.Thread");
        assertError(c, src, "record Stray", "does not implement io.livestore.runtime.store.Mutator");
        assertError(c, src, "class NotARecord", "applies to records only");
        assertThat(c).hadErrorCount(5);
    }

    @Test
    void component_namedLikeAViewMember() {
        JavaFileObject src = source("test.Doc", """
                package test;

                @io.livestore.annotations.LiveValue
                public record Doc(long version,
                        java.time.Instant created, int size) {}
                """);
        Compilation c = compile(src);
        assertError(c, src, "long version", "component version of test.Doc would generate version() in DocView, which "
                + "every view already has (the entry's version, which the store keeps for every entry); rename the "
                + "component");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void component_whoseViewReaderIsAViewMember() {
        JavaFileObject src = source("test.Doc", """
                package test;

                @io.livestore.annotations.LiveValue
                public record Doc(@io.livestore.annotations.MaxLength(8) String toRecord) {}
                """);
        Compilation c = compile(src);
        assertError(c, src, "String toRecord", "would generate toRecord() in DocView");
    }
}
