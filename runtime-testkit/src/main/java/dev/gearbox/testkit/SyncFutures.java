package dev.gearbox.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Futures;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Step;
import dev.gearbox.sync.Barrier;
import dev.gearbox.sync.Broadcast;
import dev.gearbox.sync.CountDownLatch;
import dev.gearbox.sync.Mutex;
import dev.gearbox.sync.RwLock;
import dev.gearbox.sync.SemaphorePermit;
import dev.gearbox.sync.Watch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** The async steps of {@link SyncConformance}, written with the future combinators. */
final class SyncFutures {
  private SyncFutures() {}

  /** Runs {@code batch} repeatedly, adding the counts it yields, until {@code total} is reached. */
  static Future<Integer> countUntil(int total, Supplier<Future<Integer>> batch) {
    return Futures.loop(
        0,
        (Integer sum) ->
            sum >= total
                ? Futures.ready(Step.<Integer, Integer>done(sum))
                : batch
                    .get()
                    .map(
                        count -> {
                          assertThat(count).as("channel ended early, after %d", sum).isPositive();
                          return Step.<Integer, Integer>next(sum + count);
                        }));
  }

  /** Locks, reads, yields while holding the lock, writes the increment, unlocks. */
  static Future<Void> incrementYielding(Mutex<int[]> mutex) {
    return mutex
        .lock()
        .flatMap(
            guard -> {
              int before = guard.get()[0];
              return Futures.yieldNow()
                  .map(
                      ignored -> {
                        try (guard) {
                          guard.get()[0] = before + 1;
                        }
                        return null;
                      });
            });
  }

  static <T> T readAndClose(Mutex.Guard<T> guard) {
    try (guard) {
      return guard.get();
    }
  }

  static Void closePermit(SemaphorePermit permit) {
    permit.close();
    return null;
  }

  /** Holds the acquired permit across a yield, tracking how many hold one at once. */
  static Future<Void> holdAcrossYield(
      Future<SemaphorePermit> acquire, AtomicInteger inside, AtomicInteger most) {
    return acquire.flatMap(
        permit -> {
          most.accumulateAndGet(inside.incrementAndGet(), Math::max);
          return Futures.yieldNow()
              .map(
                  ignored -> {
                    inside.decrementAndGet();
                    permit.close();
                    return null;
                  });
        });
  }

  static Future<Void> writeIncrement(RwLock<int[]> lock) {
    return lock.write()
        .flatMap(
            guard -> {
              int before = guard.get()[0];
              return Futures.yieldNow()
                  .map(
                      ignored -> {
                        try (guard) {
                          guard.get()[0] = before + 1;
                        }
                        return null;
                      });
            });
  }

  /** Reads twice across a yield: no writer may change the value meanwhile. */
  static Future<Void> readConsistent(RwLock<int[]> lock) {
    return lock.read()
        .flatMap(
            guard -> {
              int before = guard.get()[0];
              return Futures.yieldNow()
                  .map(
                      ignored -> {
                        try (guard) {
                          assertThat(guard.get()[0])
                              .as("changed under a read lock")
                              .isEqualTo(before);
                        }
                        return null;
                      });
            });
  }

  /** Goes through {@code rounds} rounds of the barrier; completes with how often it led. */
  static Future<Integer> countLeaderships(Barrier barrier, int rounds) {
    return Futures.loop(
        new int[] {0, 0},
        (int[] state) ->
            state[0] == rounds
                ? Futures.ready(Step.<int[], Integer>done(state[1]))
                : barrier
                    .await()
                    .map(
                        leader ->
                            Step.<int[], Integer>next(
                                new int[] {state[0] + 1, state[1] + (leader ? 1 : 0)})));
  }

  static Void countDown(CountDownLatch latch) {
    latch.countDown();
    return null;
  }

  static Void send(Watch.Pair<Integer> watch, int value) {
    watch.sender().send(value);
    return null;
  }

  /** Awaits changes until the watched value reaches {@code last}; completes with it. */
  static Future<Integer> watchUntil(Watch.Receiver<Integer> receiver, int last) {
    return Futures.loop(
        0,
        (Integer seen) ->
            seen == last
                ? Futures.ready(Step.<Integer, Integer>done(seen))
                : receiver
                    .changed()
                    .map(ignored -> Step.<Integer, Integer>next(receiver.borrow())));
  }

  /** Sums what the broadcast receiver gets until the end of the stream. */
  static Future<Integer> sumBroadcast(Broadcast.Receiver<Integer> receiver) {
    return Futures.loop(
        0,
        (Integer sum) ->
            receiver
                .receive()
                .map(
                    message ->
                        message == null
                            ? Step.<Integer, Integer>done(sum)
                            : Step.<Integer, Integer>next(sum + message)));
  }

  /** {@code future}, counting {@code polled} down at its first poll. */
  static <T> Future<T> countFirstPoll(
      java.util.concurrent.CountDownLatch polled, Future<T> future) {
    return new Future<>() {
      private boolean counted;

      @Override
      public Poll<T> poll(Context cx) throws Exception {
        Poll<T> poll = future.poll(cx);
        if (!counted) {
          counted = true;
          polled.countDown();
        }
        return poll;
      }

      @Override
      public void drop() {
        future.drop();
      }
    };
  }
}
