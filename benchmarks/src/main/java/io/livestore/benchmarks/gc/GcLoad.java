package io.livestore.benchmarks.gc;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.livestore.benchmarks.table.LookupKeys;
import io.livestore.runtime.store.StoreReader;
import org.HdrHistogram.Histogram;

/**
 * One arm of {@link GcPauses}, in a JVM of its own: fills the structure, then runs the steady
 * load (a paced writer thread and a paced reader thread) and writes its figures as a properties
 * file for the parent. The parent reads the pauses from this JVM's GC log.
 */
final class GcLoad {

    /** The structure under load. */
    enum Arm {
        CHM("ConcurrentHashMap<UUID, Balance>"),
        LIVESTORE("LiveStore (generated BalanceStore)");

        final String title;

        Arm(String title) {
            this.title = title;
        }

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Writes and reads of one arm: a key arrives as a new UUID each time, as from the wire. */
    private interface Structure extends AutoCloseable {
        void write(UUID key, Deposit deposit);

        /** A reader for one thread: returns a value read, so the read cannot be optimised away. */
        Reader reader();

        long nativeBytes();

        @Override
        void close();
    }

    private interface Reader extends AutoCloseable {
        long read(UUID key);

        /** The thread is about to sleep until its next read: a store reader lets go of its snapshot. */
        void idle();

        @Override
        void close();
    }

    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);

    private GcLoad() {
    }

    /**
     * {@code --child ARM --entries N --warmup S --seconds S --writes-per-second W
     * --reads-per-second R --result FILE}.
     */
    static void main(String[] args) throws Exception {
        final Arm arm = Arm.valueOf(value(args, "--child").toUpperCase(Locale.ROOT));
        final int entries = Integer.parseInt(value(args, "--entries"));
        final long warmupNanos = TimeUnit.SECONDS.toNanos(Long.parseLong(value(args, "--warmup")));
        final long loadNanos = TimeUnit.SECONDS.toNanos(Long.parseLong(value(args, "--seconds")));
        final long writesPerSecond = Long.parseLong(value(args, "--writes-per-second"));
        final long readsPerSecond = Long.parseLong(value(args, "--reads-per-second"));
        final Path result = Path.of(value(args, "--result"));

        final Properties out = new Properties();
        final LookupKeys keys = new LookupKeys(entries, 2024);
        final double fillStart = uptimeSeconds();
        try (Structure structure = fill(arm, keys)) {
            final double fillEnd = uptimeSeconds();
            System.out.printf(Locale.ROOT, "  [%s] filled %,d entries in %.1f s%n", arm.id(), entries, fillEnd - fillStart);
            final Load warmup = Load.run(structure, keys, warmupNanos, writesPerSecond, readsPerSecond);
            final double loadStart = uptimeSeconds();
            final Load load = Load.run(structure, keys, loadNanos, writesPerSecond, readsPerSecond);
            final double loadEnd = uptimeSeconds();
            final long heapAfterLoad = heapUsed();
            System.gc();
            System.gc();
            final long heapLive = heapUsed();
            System.out.printf(Locale.ROOT,
                    "  [%s] load done: %,d writes, %,d reads; read p99.99 %,d ns (from the intended start)%n",
                    arm.id(), load.writes, load.reads, load.response.getValueAtPercentile(99.99));
            out.setProperty("arm", arm.id());
            out.setProperty("entries", Integer.toString(entries));
            out.setProperty("fillStartSeconds", Double.toString(fillStart));
            out.setProperty("fillEndSeconds", Double.toString(fillEnd));
            out.setProperty("loadStartSeconds", Double.toString(loadStart));
            out.setProperty("loadEndSeconds", Double.toString(loadEnd));
            out.setProperty("warmupWrites", Long.toString(warmup.writes));
            load.store(out);
            out.setProperty("heapUsedAfterLoad", Long.toString(heapAfterLoad));
            out.setProperty("heapLiveAfterFullGc", Long.toString(heapLive));
            out.setProperty("nativeBytes", Long.toString(structure.nativeBytes()));
            out.setProperty("heapMax", Long.toString(Runtime.getRuntime().maxMemory()));
        }
        try (var writer = Files.newBufferedWriter(result)) {
            out.store(writer, "GcPauses child result");
        }
    }

    private static Structure fill(Arm arm, LookupKeys keys) {
        final int n = keys.size();
        return switch (arm) {
            case CHM -> {
                final ConcurrentHashMap<UUID, Balance> map = new ConcurrentHashMap<>(n);
                for (int i = 0; i < n; i++) {
                    map.put(keys.key(i), new Balance(i, 0));
                }
                yield new Structure() {
                    @Override
                    public void write(UUID key, Deposit deposit) {
                        map.compute(key, (k, current) -> deposit.apply(current));
                    }

                    @Override
                    public Reader reader() {
                        return new Reader() {
                            @Override
                            public long read(UUID key) {
                                final Balance b = map.get(key);
                                return b == null ? -1 : b.cents();
                            }

                            @Override
                            public void idle() {
                            }

                            @Override
                            public void close() {
                            }
                        };
                    }

                    @Override
                    public long nativeBytes() {
                        return 0;
                    }

                    @Override
                    public void close() {
                        map.clear();
                    }
                };
            }
            case LIVESTORE -> {
                final BalanceStore store = BalanceStore.builder().expectedEntries(n).build();
                for (int i = 0; i < n; i++) {
                    store.insert(keys.key(i), new Balance(i, 0));
                }
                yield new Structure() {
                    @Override
                    public void write(UUID key, Deposit deposit) {
                        store.mutate(key, deposit);
                    }

                    @Override
                    public Reader reader() {
                        final StoreReader<Balance> reader = store.reader();
                        final BalanceView view = new BalanceView();
                        return new Reader() {
                            @Override
                            public long read(UUID key) {
                                return reader.current().find(key, view) ? view.cents() : -1;
                            }

                            @Override
                            public void idle() {
                                reader.quiescent();
                            }

                            @Override
                            public void close() {
                                reader.close();
                            }
                        };
                    }

                    @Override
                    public long nativeBytes() {
                        return store.memoryUsed();
                    }

                    @Override
                    public void close() {
                        store.close();
                    }
                };
            }
        };
    }

    /**
     * One period of steady load: a writer thread and a reader thread, each paced at its own rate.
     * A thread ahead of its schedule parks until its next operation is due ({@code parkNanos}
     * wakes some 50-60 µs late on Linux, so operations run in small batches): the threads leave
     * the CPU to the collector's own threads between batches, as a server's threads would, where
     * busy-waiting would starve G1's concurrent work on two cores. An operation behind its
     * schedule (a pause stopped the thread) runs at once, so the rate holds on average; a read's
     * response time is taken from its scheduled start, so a pause counts against every read it
     * delayed, not only the one it interrupted, and the pacing's own lateness (tens of µs) is in
     * every read's figure alike.
     */
    private static final class Load {
        final Histogram response = new Histogram(HIGHEST_NANOS, 3);
        final Histogram service = new Histogram(HIGHEST_NANOS, 3);
        /** How late a thread that only sleeps 1 ms at a time woke: the JVM's and machine's own stalls. */
        final Histogram hiccup = new Histogram(HIGHEST_NANOS, 3);
        long hiccupLongestAtNanos;
        /** Each write call's own duration: a stall of the store's writer would show here. */
        final Histogram writeCall = new Histogram(HIGHEST_NANOS, 3);
        long writes;
        long reads;
        long writerMaxBehindNanos;
        long writerAllocatedBytes;
        long readerAllocatedBytes;
        long elapsedNanos;
        long checksum;

        static Load run(Structure structure, LookupKeys keys, long nanos, long writesPerSecond, long readsPerSecond)
                throws InterruptedException {
            final Load load = new Load();
            final long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
            final long end = start + nanos;
            final Thread writer = new Thread(() -> load.write(structure, keys, start, end, writesPerSecond), "gc-writer");
            final Thread reader = new Thread(() -> load.read(structure, keys, start, end, readsPerSecond), "gc-reader");
            final Thread hiccups = new Thread(() -> load.meterHiccups(end), "gc-hiccup-meter");
            hiccups.setDaemon(true);
            writer.start();
            reader.start();
            hiccups.start();
            writer.join();
            reader.join();
            hiccups.join();
            load.elapsedNanos = nanos;
            return load;
        }

        private void write(Structure structure, LookupKeys keys, long start, long end, long perSecond) {
            final long allocatedBefore = allocatedBytes();
            final SplittableRandom random = new SplittableRandom(11);
            final double interval = 1e9 / perSecond;
            final int n = keys.size();
            long done = 0;
            long maxBehind = 0;
            while (true) {
                final long scheduled = start + (long) (done * interval);
                if (scheduled >= end) {
                    break;
                }
                long now = System.nanoTime();
                if (now < scheduled) {
                    LockSupport.parkNanos(scheduled - now);
                    continue;
                }
                maxBehind = Math.max(maxBehind, now - scheduled);
                final int i = random.nextInt(n);
                structure.write(new UUID(keys.msb[i], keys.lsb[i]), new Deposit(1));
                writeCall.recordValue(Math.min(System.nanoTime() - now, HIGHEST_NANOS));
                done++;
            }
            writes = done;
            writerMaxBehindNanos = maxBehind;
            writerAllocatedBytes = allocatedBytes() - allocatedBefore;
        }

        private void read(Structure structure, LookupKeys keys, long start, long end, long perSecond) {
            final long allocatedBefore = allocatedBytes();
            final SplittableRandom random = new SplittableRandom(13);
            final double interval = 1e9 / perSecond;
            final int n = keys.size();
            long done = 0;
            long sum = 0;
            try (Reader reader = structure.reader()) {
                while (true) {
                    final long scheduled = start + (long) (done * interval);
                    if (scheduled >= end) {
                        break;
                    }
                    final long now = System.nanoTime();
                    if (now < scheduled) {
                        reader.idle();
                        LockSupport.parkNanos(scheduled - now);
                        continue;
                    }
                    final int i = random.nextInt(n);
                    sum += reader.read(new UUID(keys.msb[i], keys.lsb[i]));
                    final long finished = System.nanoTime();
                    response.recordValue(Math.min(finished - scheduled, HIGHEST_NANOS));
                    service.recordValue(Math.min(finished - now, HIGHEST_NANOS));
                    done++;
                }
            }
            reads = done;
            checksum = sum;
            readerAllocatedBytes = allocatedBytes() - allocatedBefore;
        }

        /**
         * A control, as jHiccup measures: a third thread that only sleeps 1 ms at a time and
         * records how late it woke. It touches neither structure, so a stall it sees too came
         * from the JVM (a safepoint) or the machine (the CPU given to other work), not from the
         * structure's code.
         */
        private void meterHiccups(long end) {
            long longestAt = 0;
            while (true) {
                final long before = System.nanoTime();
                if (before >= end) {
                    break;
                }
                LockSupport.parkNanos(1_000_000);
                final long late = Math.max(0, System.nanoTime() - before - 1_000_000);
                hiccup.recordValue(Math.min(late, HIGHEST_NANOS));
                if (late >= hiccup.getMaxValue()) {
                    longestAt = before;
                }
            }
            hiccupLongestAtNanos = longestAt;
        }

        void store(Properties out) {
            out.setProperty("writes", Long.toString(writes));
            out.setProperty("reads", Long.toString(reads));
            out.setProperty("loadNanos", Long.toString(elapsedNanos));
            out.setProperty("writerMaxBehindNanos", Long.toString(writerMaxBehindNanos));
            out.setProperty("writerBytesPerWrite", Double.toString((double) writerAllocatedBytes / Math.max(1, writes)));
            out.setProperty("readerBytesPerRead", Double.toString((double) readerAllocatedBytes / Math.max(1, reads)));
            out.setProperty("checksum", Long.toString(checksum));
            for (String name : new String[] {"response", "service", "write", "hiccup"}) {
                final Histogram h = switch (name) {
                    case "response" -> response;
                    case "service" -> service;
                    case "write" -> writeCall;
                    default -> hiccup;
                };
                out.setProperty(name + ".mean", Double.toString(h.getMean()));
                out.setProperty(name + ".max", Long.toString(h.getMaxValue()));
                for (double p : GcPauses.READ_PERCENTILES) {
                    out.setProperty(name + ".p" + p, Long.toString(h.getValueAtPercentile(p)));
                }
            }
        }
    }

    private static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads) {
            return threads.getCurrentThreadAllocatedBytes();
        }
        return 0;
    }

    private static double uptimeSeconds() {
        return ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String value(String[] args, String name) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        throw new IllegalArgumentException("the child JVM needs " + name);
    }
}
