package dev.gearbox.examples;

import com.google.inject.Inject;
import dev.gearbox.future.Future;
import dev.gearbox.future.Futures;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.time.Clock;
import dev.gearbox.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A component of the Guice application: it fires reminders after their delays, one task each, on
 * the runtime it is given, and tells the time on that runtime's clock. It names no runtime: Guice
 * injects whichever {@link dev.gearbox.guice.GearboxModule} bound.
 */
public final class Reminders {
  private final Runtime runtime;
  private final Clock clock;

  /**
   * A component on {@code runtime}.
   *
   * @param runtime where its tasks run
   * @param clock the runtime's clock
   */
  @Inject
  public Reminders(Runtime runtime, Clock clock) {
    this.runtime = runtime;
    this.clock = clock;
  }

  /**
   * A reminder.
   *
   * @param text what to say
   * @param delay after how long, from the call to {@link #fire}
   */
  public record Reminder(String text, Duration delay) {}

  /**
   * Fires every reminder after its delay, each in a task of its own, and waits for all. Call it
   * from a thread outside the runtime (it blocks in {@code blockOn}).
   *
   * @param reminders the reminders
   * @return each reminder's text with the time it fired on the clock ("tea at 30m"), in firing
   *     order
   */
  public List<String> fire(List<Reminder> reminders) {
    long start = clock.nanoTime();
    Queue<String> fired = new ConcurrentLinkedQueue<>();
    // The reminders are spawned from inside blockOn, all in one poll: on a paused clock, time only
    // jumps once every task waits, so no reminder's timer can fire before the last one is set.
    runtime.blockOn(
        Futures.lazy(
                () -> {
                  List<Future<Void>> tasks = new ArrayList<>();
                  for (Reminder reminder : reminders) {
                    tasks.add(
                        runtime.spawn(
                            Time.sleep(reminder.delay())
                                .map(
                                    done -> {
                                      Duration at = Duration.ofNanos(clock.nanoTime() - start);
                                      fired.add(reminder.text() + " at " + format(at));
                                      return null;
                                    })));
                  }
                  return Futures.joinAll(tasks);
                })
            .flatMap(all -> all));
    return List.copyOf(fired);
  }

  /**
   * The kind of runtime this component runs on.
   *
   * @return the kind
   */
  public String runtimeKind() {
    return runtime.kind();
  }

  private static String format(Duration at) {
    return at.toMinutes() >= 1 ? at.toMinutes() + "m" : at.toMillis() + "ms";
  }
}
