package dev.gearbox.multithread;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Helpers of this module's tests. */
final class TestRuntimes {
  static final Duration WAIT = Duration.ofSeconds(30);

  private TestRuntimes() {}

  /** A multithread runtime with the given keys and values. */
  static Runtime create(String... keyValues) {
    Map<String, String> values = new HashMap<>();
    values.put(RuntimeConfig.RUNTIME_KEY, "multithread");
    for (int i = 0; i < keyValues.length; i += 2) {
      values.put(keyValues[i], keyValues[i + 1]);
    }
    return Runtimes.create(RuntimeConfig.of(values));
  }

  /**
   * A future whose one poll blocks its thread: it counts {@code started} down, then waits for
   * {@code release} (at most {@link #WAIT}) and returns whether it was released.
   */
  static final class BlockingPoll implements Future<Boolean> {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public Poll<Boolean> poll(Context cx) throws InterruptedException {
      started.countDown();
      return Poll.ready(release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    }
  }
}
