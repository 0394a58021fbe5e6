package dev.gearbox.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import dev.gearbox.future.Context;
import dev.gearbox.future.Poll;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The steady state allocates nothing: two pooled tasks ping-pong over two Channels, the pinger
 * waiting on a TickTimer in every round trip, and the executor thread's allocation counter does not
 * move over a window of measured round trips. The steady state is reached when the JIT is done: on
 * a loaded machine a compilation can still land after the warm-up and allocate once, inside one
 * window, so windows are measured one after another, up to {@value #WINDOWS}, until one allocates
 * nothing. A one-time cost dirties one window; an allocation per round trip would put at least
 * {@value #MEASURED} bytes in every window.
 */
class ZeroAllocationTest {
  private static final int WARM_UP = 20_000;
  private static final int MEASURED = 20_000;
  private static final int WINDOWS = 10;
  private static final Object BALL = new Object();
  private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** Sends the ball, waits one tick, waits for it to come back; samples allocation on the way. */
  static final class Pinger implements TaskBody {
    private final TickTimer timer = TickTimer.after(TickDuration.ofTicks(1));
    FixedChannel<Object> out;
    FixedChannel<Object> in;
    long rounds;
    long windowStart;
    final long[] windows = new long[WINDOWS];
    int windowCount;
    CountDownLatch done;
    private int step;

    @Override
    public boolean poll(Context cx) {
      while (true) {
        switch (step) {
          case 0 -> {
            if (!out.pollSend(cx, BALL)) {
              return false;
            }
            timer.resetAfterTicks(1);
            step = 1;
          }
          case 1 -> {
            if (timer.poll(cx) instanceof Poll.Pending) {
              return false;
            }
            step = 2;
          }
          default -> {
            if (in.pollReceive(cx) == null) {
              return false;
            }
            step = 0;
            rounds++;
            if (rounds == WARM_UP) {
              windowStart = THREADS.getCurrentThreadAllocatedBytes();
            } else if (rounds > WARM_UP && (rounds - WARM_UP) % MEASURED == 0) {
              long now = THREADS.getCurrentThreadAllocatedBytes();
              long bytes = now - windowStart;
              windows[windowCount++] = bytes;
              windowStart = now;
              if (bytes == 0 || windowCount == WINDOWS) {
                done.countDown();
                return true;
              }
            }
          }
        }
      }
    }
  }

  /** Sends back every ball it receives. */
  static final class Ponger implements TaskBody {
    FixedChannel<Object> in;
    FixedChannel<Object> out;
    private Object held;

    @Override
    public boolean poll(Context cx) {
      while (true) {
        if (held == null) {
          held = in.pollReceive(cx);
          if (held == null) {
            return false;
          }
        }
        if (!out.pollSend(cx, held)) {
          return false;
        }
        held = null;
      }
    }
  }

  @Test
  @Timeout(120)
  void pingPongWithATimerAllocatesNothingPerRoundTrip() throws Exception {
    assertThat(THREADS.isThreadAllocatedMemorySupported()).isTrue();
    THREADS.setThreadAllocatedMemoryEnabled(true);
    FixedChannel<Object> ping = new FixedChannel<>(1);
    FixedChannel<Object> pong = new FixedChannel<>(1);
    CountDownLatch done = new CountDownLatch(1);
    TaskPool<Pinger> pingers = TaskPool.create("pinger", 1, Pinger::new);
    TaskPool<Ponger> pongers = TaskPool.create("ponger", 1, Ponger::new);
    try (EmbeddedExecutor executor = new EmbeddedExecutor("alloc-test", new SystemTimeDriver())) {
      Pinger[] seen = new Pinger[1];
      executor
          .spawner()
          .spawn(
              pingers,
              (body, latch) -> {
                body.out = ping;
                body.in = pong;
                body.done = latch;
                seen[0] = body;
              },
              done);
      executor
          .spawner()
          .spawn(
              pongers,
              (body, unused) -> {
                body.in = ping;
                body.out = pong;
              },
              null);
      executor.start(Thread.NORM_PRIORITY);
      assertThat(done.await(100, TimeUnit.SECONDS)).as("round trips done").isTrue();
      Pinger pinger = seen[0];
      long[] windows = Arrays.copyOf(pinger.windows, pinger.windowCount);
      System.out.printf(
          "executor thread allocated %s bytes in windows of %d round trips after %d warm-up%n",
          Arrays.toString(windows), MEASURED, WARM_UP);
      assertThat(windows[windows.length - 1])
          .as(
              "bytes allocated over %d round trips, in the last of the windows %s",
              MEASURED, Arrays.toString(windows))
          .isZero();
    }
  }
}
