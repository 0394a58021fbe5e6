package dev.gearbox.stream;

import dev.gearbox.future.Context;
import dev.gearbox.future.Poll;
import dev.gearbox.time.Clock;
import dev.gearbox.time.Sleep;
import dev.gearbox.time.Time;
import dev.gearbox.time.Timer;
import java.time.Duration;

/**
 * {@link Stream#throttle}: after each item, a sleep until {@code period} after it was taken, on the
 * runtime's clock, before the source is polled again. The deadline is fixed when the item is taken
 * (not at the next poll), so time the consumer spends between polls counts towards the period. Not
 * thread-safe; owns its source and its sleep.
 *
 * @param <T> the item type
 */
final class ThrottleStream<T> implements Stream<T> {
  private final Stream<T> source;
  private final Duration period;
  private Sleep gap;

  ThrottleStream(Stream<T> source, Duration period) {
    this.source = source;
    this.period = period;
  }

  @Override
  public Poll<T> pollNext(Context cx) throws Exception {
    if (gap != null) {
      if (gap.poll(cx).isPending()) {
        return Poll.pending();
      }
      gap = null;
    }
    Poll<T> poll = source.pollNext(cx);
    if (poll.isReady() && !Stream.isEnd(poll)) {
      gap = Time.sleepUntil(Clock.deadlineAfter(Timer.of(cx).clock().nanoTime(), period));
    }
    return poll;
  }

  @Override
  public void drop() {
    if (gap != null) {
      gap.drop();
      gap = null;
    }
    source.drop();
  }
}
