package io.livestore.runtime.store;

import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Subscription} as a {@link Flow.Publisher} for one subscriber (Reactive Streams rules:
 * signals are serial, {@code onNext} never exceeds demand, {@code request(n <= 0)} is an error,
 * cancel stops signals). Delivery runs on the given executor, one task at a time, blocking in
 * {@link Subscription#next()} while the subscriber has demand.
 *
 * @param <V> the value type
 * @param <M> the message type
 */
final class SubscriptionPublisher<V, M> implements Flow.Publisher<Update<V, M>> {

    private final Subscription<V, M> source;
    private final Executor executor;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    SubscriptionPublisher(Subscription<V, M> source, Executor executor) {
        this.source = source;
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Update<V, M>> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        if (!subscribed.compareAndSet(false, true)) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(new IllegalStateException("this publisher of " + source
                    + " accepts one subscriber; call asPublisher on another subscription"));
            return;
        }
        final Delivery delivery = new Delivery(subscriber);
        subscriber.onSubscribe(delivery);
    }

    /** The subscriber's side: demand, the drain loop, and its termination. */
    private final class Delivery implements Flow.Subscription, Runnable {

        private final Flow.Subscriber<? super Update<V, M>> subscriber;
        private final AtomicLong demand = new AtomicLong();
        /** Drain requests not yet served; the task runs while it is non-zero (one task at a time). */
        private final AtomicInteger work = new AtomicInteger();
        private volatile boolean cancelled;
        /** A terminal signal was sent; touched by the drain task only. */
        private boolean done;
        /** An invalid request(n), reported by the drain task so that signals stay serial. */
        private volatile IllegalArgumentException badRequest;

        Delivery(Flow.Subscriber<? super Update<V, M>> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                badRequest = new IllegalArgumentException("request(" + n + "): must be positive (Reactive Streams rule 3.9)");
            } else {
                demand.getAndUpdate(d -> d + n < 0 ? Long.MAX_VALUE : d + n);
            }
            schedule();
        }

        @Override
        public void cancel() {
            cancelled = true;
            source.close();
        }

        private void schedule() {
            if (work.getAndIncrement() == 0) {
                try {
                    executor.execute(this);
                } catch (RejectedExecutionException e) {
                    work.set(0);
                    cancelled = true;
                    source.close();
                    subscriber.onError(e);
                }
            }
        }

        @Override
        public void run() {
            int missed = 1;
            while (true) {
                drain();
                missed = work.addAndGet(-missed);
                if (missed == 0) {
                    return;
                }
            }
        }

        private void drain() {
            while (!done && !cancelled) {
                final IllegalArgumentException bad = badRequest;
                if (bad != null) {
                    terminate(bad);
                    return;
                }
                if (demand.get() == 0) {
                    return;
                }
                final Update<V, M> update;
                try {
                    update = source.next();
                } catch (NoSuchElementException ended) {
                    terminate(null);
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    terminate(e);
                    return;
                }
                if (cancelled) {
                    return;
                }
                demand.getAndUpdate(d -> d == Long.MAX_VALUE ? d : d - 1);
                subscriber.onNext(update);
                if (update instanceof Update.Removed) {
                    terminate(null);
                    return;
                }
            }
        }

        private void terminate(Throwable error) {
            done = true;
            source.close();
            if (cancelled) {
                return;
            }
            if (error == null) {
                subscriber.onComplete();
            } else {
                subscriber.onError(error);
            }
        }
    }
}
