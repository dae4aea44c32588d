package io.livestore.benchmarks.hotread;

import io.livestore.runtime.hotread.HotRead;
import io.livestore.runtime.hotread.HotReadHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * How much does a read cost while a writer keeps writing? One read is "get a consistent view,
 * read one {@code long} of a 64-element array". Compared, in the same run:
 *
 * <ul>
 *   <li>{@code hotRead}: {@code handle.current().get(i)}; the writer calls {@code queueUpdate}.
 *   <li>{@code rwLock}: {@link ReentrantReadWriteLock} read lock around the read; the writer takes
 *       the write lock.
 *   <li>{@code stamped}: {@link StampedLock} optimistic read, validated, falling back to the read
 *       lock; the writer takes the write lock.
 *   <li>{@code cow}: a volatile reference to an array that the writer copies, changes and swaps.
 * </ul>
 *
 * <p>Each peer runs as a JMH group of 1 or 2 reader threads plus 1 writer thread ({@code _1r},
 * {@code _2r}); the writer paces itself with {@code Blackhole.consumeCPU(WRITER_PAUSE)} between
 * writes (about a microsecond), a busy real-time server's write rate. The machine has 2 cores, so
 * the {@code _2r} groups run 3 threads on 2 cores: read them as "under contention for the CPU".
 * The figure to read is the reader method's average time per operation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class HotReadGetBenchmark {

    /** Busy-work tokens between two writes. */
    static final long WRITER_PAUSE = 500;

    // ---------------------------------------------------------------- HotRead

    @State(Scope.Group)
    public static class HotReadShared {
        HotRead<Scores, Scores.Set> hot;

        @Setup(Level.Trial)
        public void setUp() {
            hot = HotRead.create(new Scores());
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            hot.close();
        }
    }

    @State(Scope.Thread)
    public static class HotReadReader {
        HotReadHandle<Scores> handle;
        int next;

        @Setup(Level.Trial)
        public void setUp(HotReadShared shared) {
            handle = shared.hot.createHandle();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            handle.close();
        }
    }

    @State(Scope.Thread)
    public static class Writer {
        final Scores.Set[] writes = Scores.writes();
        int next;

        Scores.Set nextWrite() {
            return writes[next++ & (writes.length - 1)];
        }
    }

    @Benchmark
    @Group("hotRead_1r")
    @GroupThreads(1)
    public long hotRead_1r_read(HotReadReader reader) {
        return reader.handle.current().get(reader.next++ & Scores.MASK);
    }

    @Benchmark
    @Group("hotRead_1r")
    @GroupThreads(1)
    public void hotRead_1r_write(HotReadShared shared, Writer writer) {
        Blackhole.consumeCPU(WRITER_PAUSE);
        shared.hot.queueUpdate(writer.nextWrite());
    }

    @Benchmark
    @Group("hotRead_2r")
    @GroupThreads(2)
    public long hotRead_2r_read(HotReadReader reader) {
        return reader.handle.current().get(reader.next++ & Scores.MASK);
    }

    @Benchmark
    @Group("hotRead_2r")
    @GroupThreads(1)
    public void hotRead_2r_write(HotReadShared shared, Writer writer) {
        Blackhole.consumeCPU(WRITER_PAUSE);
        shared.hot.queueUpdate(writer.nextWrite());
    }

    // ---------------------------------------------------------------- ReentrantReadWriteLock

    @State(Scope.Group)
    public static class RwLockShared {
        final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        final long[] values = new long[Scores.SIZE];

        long read(int index) {
            ReentrantReadWriteLock.ReadLock read = lock.readLock();
            read.lock();
            try {
                return values[index];
            } finally {
                read.unlock();
            }
        }

        void write(Scores.Set set) {
            ReentrantReadWriteLock.WriteLock write = lock.writeLock();
            write.lock();
            try {
                values[set.index()] = set.value();
            } finally {
                write.unlock();
            }
        }
    }

    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int nextIndex() {
            return next++ & Scores.MASK;
        }
    }

    @Benchmark
    @Group("rwLock_1r")
    @GroupThreads(1)
    public long rwLock_1r_read(RwLockShared shared, Cursor cursor) {
        return shared.read(cursor.nextIndex());
    }

    @Benchmark
    @Group("rwLock_1r")
    @GroupThreads(1)
    public void rwLock_1r_write(RwLockShared shared, Writer writer) {
        Blackhole.consumeCPU(WRITER_PAUSE);
        shared.write(writer.nextWrite());
    }

    @Benchmark
    @Group("rwLock_2r")
    @GroupThreads(2)
    public long rwLock_2r_read(RwLockShared shared, Cursor cursor) {
        return shared.read(cursor.nextIndex());
    }

    @Benchmark
    @Group("rwLock_2r")
    @GroupThreads(1)
    public void rwLock_2r_write(RwLockShared shared, Writer writer) {
        Blackhole.consumeCPU(WRITER_PAUSE);
        shared.write(writer.nextWrite());
    }

    // ---------------------------------------------------------------- StampedLock (optimistic)

    @State(Scope.Group)
    public static class StampedShared {
        final StampedLock lock = new StampedLock();
        final long[] values = new long[Scores.SIZE];

        long read(int index) {
            long stamp = lock.tryOptimisticRead();
            long value = values[index];
            if (lock.validate(stamp)) {
                return value;
            }
            stamp = lock.readLock();
            try {
                return values[index];
            } finally {
                lock.unlockRead(stamp);
            }
        }

        void write(Scores.Set set) {
            long stamp = lock.writeLock();
            try {
                values[set.index()] = set.value();
            } finally {
                lock.unlockWrite(stamp);
            }
        }
    }

    @Benchmark
    @Group("stamped_1r")
    @GroupThreads(1)
    public long stamped_1r_read(StampedShared shared, Cursor cursor) {
        return shared.read(cursor.nextIndex());
    }

    @Benchmark
    @Group("stamped_1r")
    @GroupThreads(1)
    public void stamped_1r_write(StampedShared shared, Writer writer) {
        Blackhole.consumeCPU(WRITER_PAUSE);
        shared.write(writer.nextWrite());
    }

    @Benchmark
    @Group("stamped_2r")
    @GroupThreads(2)
    public long stamped_2r_read(StampedShared shared, Cursor cursor) {
        return shared.read(cursor.nextIndex());
    }

    @Benchmark
    @Group("stamped_2r")
    @GroupThreads(1)
    public void stamped_2r_write(StampedShared shared, Writer writer) {
        Blackhole.consumeCPU(WRITER_PAUSE);
        shared.write(writer.nextWrite());
    }

    // ---------------------------------------------------------------- volatile copy-on-write

    @State(Scope.Group)
    public static class CowShared {
        /** Volatile: the writer's fully built copy is published by the store, read by the load. */
        volatile long[] values = new long[Scores.SIZE];

        long read(int index) {
            return values[index];
        }

        void write(Scores.Set set) {
            long[] copy = values.clone();
            copy[set.index()] = set.value();
            values = copy;
        }
    }

    @Benchmark
    @Group("cow_1r")
    @GroupThreads(1)
    public long cow_1r_read(CowShared shared, Cursor cursor) {
        return shared.read(cursor.nextIndex());
    }

    @Benchmark
    @Group("cow_1r")
    @GroupThreads(1)
    public void cow_1r_write(CowShared shared, Writer writer) {
        Blackhole.consumeCPU(WRITER_PAUSE);
        shared.write(writer.nextWrite());
    }

    @Benchmark
    @Group("cow_2r")
    @GroupThreads(2)
    public long cow_2r_read(CowShared shared, Cursor cursor) {
        return shared.read(cursor.nextIndex());
    }

    @Benchmark
    @Group("cow_2r")
    @GroupThreads(1)
    public void cow_2r_write(CowShared shared, Writer writer) {
        Blackhole.consumeCPU(WRITER_PAUSE);
        shared.write(writer.nextWrite());
    }
}
