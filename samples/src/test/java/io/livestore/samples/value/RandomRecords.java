package io.livestore.samples.value;

import io.livestore.runtime.layout.BoundedUtf8;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Random records and components for {@link SeededTrials}. Numbers come from the whole range with
 * edge values (zero, one, minus one, the extremes, NaN and signed zeros) over-represented, since
 * those are where codecs break; strings mix ASCII, the rest of the Basic Multilingual Plane and
 * supplementary characters, cut to fit their {@code @MaxLength} in UTF-8.
 */
final class RandomRecords {

    private static final long[] EDGE_LONGS = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE,
        Integer.MAX_VALUE};
    private static final double[] EDGE_DOUBLES = {0.0, -0.0, Double.NaN, Double.MIN_VALUE, Double.MAX_VALUE,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.longBitsToDouble(0x7ff8_0000_dead_beefL)};

    private RandomRecords() {
    }

    private static boolean edge(SplittableRandom random) {
        return random.nextInt(8) == 0;
    }

    static long anyLong(SplittableRandom random) {
        return edge(random) ? EDGE_LONGS[random.nextInt(EDGE_LONGS.length)] : random.nextLong();
    }

    static int anyInt(SplittableRandom random) {
        return (int) anyLong(random);
    }

    static double anyDouble(SplittableRandom random) {
        return edge(random) ? EDGE_DOUBLES[random.nextInt(EDGE_DOUBLES.length)] : Double.longBitsToDouble(random.nextLong());
    }

    static float anyFloat(SplittableRandom random) {
        return edge(random) ? (float) EDGE_DOUBLES[random.nextInt(EDGE_DOUBLES.length)]
                : Float.intBitsToFloat(random.nextInt());
    }

    static UUID uuid(SplittableRandom random) {
        return new UUID(anyLong(random), anyLong(random));
    }

    static Instant instant(SplittableRandom random) {
        if (edge(random)) {
            return random.nextBoolean() ? Instant.MIN : Instant.MAX;
        }
        return Instant.ofEpochSecond(random.nextLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond() + 1),
                random.nextInt(1_000_000_000));
    }

    static <E extends Enum<E>> E anyOf(SplittableRandom random, Class<E> type) {
        E[] constants = type.getEnumConstants();
        return constants[random.nextInt(constants.length)];
    }

    /** A string of valid code points (any plane) that fits {@code maxBytes} of UTF-8; often empty or full. */
    static String text(SplittableRandom random, int maxBytes) {
        int codePoints = switch (random.nextInt(8)) {
            case 0 -> 0;
            case 1 -> maxBytes;
            default -> random.nextInt(maxBytes + 1);
        };
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < codePoints; i++) {
            int kind = random.nextInt(9);
            int cp = kind < 4 ? random.nextInt(0x20, 0x7f)
                    : kind < 6 ? random.nextInt(0, 0xd800)
                    : kind < 7 ? random.nextInt(0xe000, 0x10000)
                    : random.nextInt(0x10000, 0x110000);
            s.appendCodePoint(cp);
            if (BoundedUtf8.utf8Length(s) > maxBytes) {
                s.setLength(s.length() - Character.charCount(cp));
                break;
            }
        }
        return s.toString();
    }

    static Position position(SplittableRandom random) {
        return new Position(anyDouble(random), anyDouble(random));
    }

    static AllTypes allTypes(SplittableRandom random) {
        return new AllTypes(random.nextBoolean(), (byte) anyLong(random), (short) anyLong(random),
                (char) anyLong(random), anyInt(random), anyLong(random), anyFloat(random), anyDouble(random),
                anyOf(random, Suit.class), uuid(random), instant(random), text(random, 8), text(random, 300),
                new Tag((byte) anyLong(random), text(random, 3)), position(random));
    }

    static Retag retag(SplittableRandom random) {
        return new Retag(text(random, 8), anyOf(random, Suit.class), uuid(random), instant(random), anyDouble(random));
    }

    static PlayerMessage playerMessage(SplittableRandom random) {
        return switch (random.nextInt(3)) {
            case 0 -> new PlayerMessage.Chat(uuid(random), text(random, 64));
            case 1 -> new PlayerMessage.Ping(instant(random));
            default -> new PlayerMessage.Wave(position(random), anyOf(random, Team.class));
        };
    }
}
