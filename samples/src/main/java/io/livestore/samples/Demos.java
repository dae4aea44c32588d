package io.livestore.samples;

import io.livestore.samples.foo.FooDemo;
import io.livestore.samples.hotread.HotReadDemo;
import io.livestore.samples.value.PlayerLayoutDemo;

/** What {@code ./demo.sh} runs: each demo in turn. */
public final class Demos {

    private Demos() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("######## HotRead: two copies, readers that never lock\n");
        HotReadDemo.main(args);
        System.out.println("\n######## A @LiveValue record in off-heap memory, through its generated layout\n");
        PlayerLayoutDemo.main(args);
        System.out.println("\n######## The livestore seed's example: a typed FooStore, watchers, a guard, expiry\n");
        FooDemo.main(args);
    }
}
