package dev.gearbox.testkit;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Futures;
import dev.gearbox.future.Poll;
import dev.gearbox.runtime.Runtime;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Futures that yield with {@link Futures#yieldNow()}, for {@link YieldConformance}. */
final class YieldFutures {
  private YieldFutures() {}

  /** Spawns ready tasks, then yields once; completes with how many of them were polled by then. */
  static final class SpawnThenYield implements Future<Integer> {
    private final Runtime runtime;
    private final int others;
    private final AtomicInteger othersPolled = new AtomicInteger();
    private Future<Void> yielding;

    SpawnThenYield(Runtime runtime, int others) {
      this.runtime = runtime;
      this.others = others;
    }

    @Override
    public Poll<Integer> poll(Context cx) throws Exception {
      if (yielding == null) {
        for (int i = 0; i < others; i++) {
          runtime.spawn(
              ignored -> {
                othersPolled.incrementAndGet();
                return Poll.ready(null);
              });
        }
        yielding = Futures.yieldNow();
      }
      if (yielding.poll(cx) instanceof Poll.Pending<Void>) {
        return Poll.pending();
      }
      return Poll.ready(othersPolled.get());
    }
  }

  /** Yields with {@link Futures#yieldNow()} at every poll until stopped; counts polls and drops. */
  static final class Yielder implements Future<Long> {
    final AtomicBoolean stop = new AtomicBoolean();
    final AtomicLong polls = new AtomicLong();
    final AtomicInteger drops = new AtomicInteger();
    private Future<Void> yielding;

    @Override
    public Poll<Long> poll(Context cx) throws Exception {
      long count = polls.incrementAndGet();
      while (!stop.get()) {
        if (yielding == null) {
          yielding = Futures.yieldNow();
        }
        if (yielding.poll(cx) instanceof Poll.Pending<Void>) {
          return Poll.pending();
        }
        yielding = null;
      }
      return Poll.ready(count);
    }

    @Override
    public void drop() {
      drops.incrementAndGet();
    }
  }
}
