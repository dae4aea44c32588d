package io.livestore.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.livestore.processor.Compile.source;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Pins the generated source of one small value, character for character, so that a change to
 * the output is a visible diff in review. Behaviour is tested elsewhere (by running generated
 * code); this only guards readability and accidental churn. After an intended change, run with
 * {@code -Dgolden.update=true} from the processor directory and review the diff.
 */
class GoldenTest {

    private static final JavaFileObject POINT = source("golden.Point", """
            package golden;

            import io.livestore.annotations.LiveValue;
            import io.livestore.annotations.MaxLength;

            @LiveValue(messages = Note.class)
            public record Point(int x, int y, @MaxLength(8) String label, Kind kind) {
                public enum Kind { PLAIN, MARKED }
            }
            """);

    private static final JavaFileObject SHIFT = source("golden.Shift", """
            package golden;

            import io.livestore.annotations.Mutation;
            import io.livestore.runtime.store.Mutator;

            @Mutation
            public record Shift(int dx, int dy) implements Mutator<Point, RuntimeException> {
                public Point apply(Point p) { return new Point(p.x() + dx, p.y() + dy, p.label(), p.kind()); }
            }
            """);

    private static final JavaFileObject NOTE = source("golden.Note", """
            package golden;

            import io.livestore.annotations.MaxLength;

            public sealed interface Note permits Note.Ping, Note.Say {
                record Ping(long sentAt) implements Note {}

                record Say(@MaxLength(32) String text, Point.Kind tone) implements Note {}
            }
            """);

    /** A value without mutations: its set is empty, and says so. */
    private static final JavaFileObject FLAG = source("golden.Flag", """
            package golden;

            import io.livestore.annotations.LiveValue;

            @LiveValue
            public record Flag(boolean on) {}
            """);

    private static void assertGolden(Compilation c, String className) throws IOException {
        JavaFileObject file = c.generatedSourceFile("golden." + className).orElseThrow();
        String actual = file.getCharContent(true).toString();
        String resource = "golden/" + className + ".java.txt";
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(Path.of("src/test/resources", resource), actual);
        }
        try (InputStream in = GoldenTest.class.getClassLoader().getResourceAsStream(resource)) {
            String expected = in == null ? "(missing " + resource + ")" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(expected, actual);
        }
    }

    @Test
    void layout_matchesGolden() throws IOException {
        Compilation c = Compile.compile(POINT, SHIFT, NOTE);
        assertThat(c).succeededWithoutWarnings();
        assertGolden(c, "PointLayout");
    }

    @Test
    void mutations_matchGolden() throws IOException {
        Compilation c = Compile.compile(POINT, SHIFT, NOTE);
        assertThat(c).succeededWithoutWarnings();
        assertGolden(c, "PointMutations");
    }

    @Test
    void emptyMutations_matchGolden() throws IOException {
        Compilation c = Compile.compile(FLAG);
        assertThat(c).succeededWithoutWarnings();
        assertGolden(c, "FlagMutations");
    }

    @Test
    void messages_matchGolden() throws IOException {
        Compilation c = Compile.compile(POINT, SHIFT, NOTE);
        assertThat(c).succeededWithoutWarnings();
        assertGolden(c, "PointMessages");
    }

    @Test
    void store_matchesGolden() throws IOException {
        Compilation c = Compile.compile(POINT, SHIFT, NOTE);
        assertThat(c).succeededWithoutWarnings();
        assertGolden(c, "PointStore");
    }

    @Test
    void view_matchesGolden() throws IOException {
        Compilation c = Compile.compile(POINT, SHIFT, NOTE);
        assertThat(c).succeededWithoutWarnings();
        assertGolden(c, "PointView");
    }
}
