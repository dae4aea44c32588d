package io.livestore.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.livestore.processor.Compile.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.testing.compile.Compilation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Ids and fingerprints: the same across compilations, changed only by what they describe. */
class StabilityTest {

    private static final String DAMAGE = """
            package test;

            @io.livestore.annotations.Mutation
            public record Damage(int amount) implements io.livestore.runtime.store.Mutator<Player, RuntimeException> {
                public Player apply(Player p) { return p; }
            }
            """;

    private static final String HEAL = """
            package test;

            @io.livestore.annotations.Mutation
            public record Heal(long amount, @io.livestore.annotations.MaxLength(9) String why)
                    implements io.livestore.runtime.store.Mutator<Player, RuntimeException> {
                public Player apply(Player p) { return p; }
            }
            """;

    private static String player(String components) {
        return "package test;\n\n@io.livestore.annotations.LiveValue\npublic record Player(" + components + ") {}\n";
    }

    private static final String COMPONENTS = "@io.livestore.annotations.MaxLength(16) String name, int hp, "
            + "long score, java.util.UUID id";

    /** The generated constants of one compilation. */
    private record Facts(long layout, long set, int damage) {
    }

    private static Facts compile(String player, String... mutations) {
        List<JavaFileObject> sources = new ArrayList<>();
        sources.add(source("test.Player", player));
        for (String m : mutations) {
            String name = m.substring(m.indexOf("record ") + 7, m.indexOf('('));
            sources.add(source("test." + name, m));
        }
        Compilation c = Compile.compile(sources.toArray(JavaFileObject[]::new));
        assertThat(c).succeededWithoutWarnings();
        GeneratedClasses classes = new GeneratedClasses(c);
        return new Facts((long) classes.constant("test.PlayerLayout", "FINGERPRINT"),
                (long) classes.constant("test.PlayerMutations", "FINGERPRINT"),
                (int) classes.constant("test.PlayerMutations", "DAMAGE"));
    }

    private static byte[] sha256(String text) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void ids_andFingerprints_sameAcrossCompilations() {
        Facts first = compile(player(COMPONENTS), DAMAGE);
        Facts second = compile(player(COMPONENTS), DAMAGE);
        assertEquals(first, second);
    }

    @Test
    void id_isTheSha256OfTheCanonicalName() throws Exception {
        byte[] d = sha256("test.Damage");
        int expected = (d[0] & 0xFF) << 24 | (d[1] & 0xFF) << 16 | (d[2] & 0xFF) << 8 | (d[3] & 0xFF);
        assertEquals(expected, compile(player(COMPONENTS), DAMAGE).damage());
    }

    @Test
    void fingerprint_isTheSha256OfTheDescription() throws Exception {
        String description = "test.Player{name:String(16);hp:int;score:long;id:UUID}";
        byte[] d = sha256("livestore-layout-v1:" + description);
        long expected = 0;
        for (int i = 0; i < 8; i++) {
            expected = expected << 8 | (d[i] & 0xFF);
        }
        assertEquals(expected, compile(player(COMPONENTS), DAMAGE).layout());
    }

    @Test
    void mutationAdded_keepsIdsAndLayout_changesSetFingerprint() {
        Facts before = compile(player(COMPONENTS), DAMAGE);
        Facts after = compile(player(COMPONENTS), DAMAGE, HEAL);
        assertEquals(before.damage(), after.damage());
        assertEquals(before.layout(), after.layout());
        assertNotEquals(before.set(), after.set());
    }

    @Test
    void fingerprint_changesWithAFieldsType() {
        long base = compile(player(COMPONENTS), DAMAGE).layout();
        assertNotEquals(base, compile(player(COMPONENTS.replace("int hp", "long hp")), DAMAGE).layout());
        assertNotEquals(base, compile(player(COMPONENTS.replace("MaxLength(16)", "MaxLength(17)")), DAMAGE).layout());
    }

    @Test
    void fingerprint_changesWithTheOrderOrNameOfFields() {
        long base = compile(player(COMPONENTS), DAMAGE).layout();
        // Swapping hp and score changes no offset (longs go first) but does change the fingerprint.
        assertNotEquals(base, compile(player("@io.livestore.annotations.MaxLength(16) String name, long score, "
                + "int hp, java.util.UUID id"), DAMAGE).layout());
        assertNotEquals(base, compile(player(COMPONENTS.replace("int hp", "int health")), DAMAGE).layout());
    }
}
