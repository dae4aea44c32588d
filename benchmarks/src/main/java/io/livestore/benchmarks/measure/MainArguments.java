package io.livestore.benchmarks.measure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line every plain-Java measurement main takes: {@code --out DIR [--quick]}, and the
 * options of its own that follow ({@code --name value} pairs, kept in order).
 *
 * @param out the directory the main writes {@code <name>.md}, {@code <name>.json} and
 *     {@code <name>.png} into
 * @param quick whether to run the short variant
 * @param raw the whole command line, as given, for the report
 * @param extra options other than {@code --out} and {@code --quick}, as given
 */
public record MainArguments(Path out, boolean quick, List<String> raw, List<String> extra) {

    /**
     * Parses {@code args}.
     *
     * @param args the main's arguments
     * @param usage printed with the error when {@code --out} is missing or has no value
     * @return the parsed arguments
     * @throws IllegalArgumentException if {@code --out} is missing or has no value
     */
    public static MainArguments parse(String[] args, String usage) {
        Path out = null;
        boolean quick = false;
        final List<String> extra = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> {
                    if (i + 1 == args.length) {
                        throw new IllegalArgumentException("--out needs a directory. Usage: " + usage);
                    }
                    out = Path.of(args[++i]);
                }
                case "--quick" -> quick = true;
                default -> extra.add(args[i]);
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("--out DIR is required. Usage: " + usage);
        }
        return new MainArguments(out, quick, List.of(args), List.copyOf(extra));
    }

    /**
     * The value of an option of the main's own, {@code --name value}.
     *
     * @param name the option, with its dashes
     * @param otherwise returned when the option is absent
     * @return its value
     */
    public String option(String name, String otherwise) {
        final int at = extra.indexOf(name);
        if (at < 0) {
            return otherwise;
        }
        if (at + 1 == extra.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return extra.get(at + 1);
    }
}
