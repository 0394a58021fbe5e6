package dev.gearbox.future;

import java.util.function.Function;

/**
 * Polls several futures until all are ready, then completes with {@code finisher(outputs)}: the
 * engine of {@link Futures#join} and {@link Futures#joinAll}.
 *
 * <p>Implementation notes: {@code children[i]} is cleared when child {@code i} completes, so a
 * child is never polled after Ready and {@link #drop()} reaches exactly the unfinished ones. The
 * index polled first rotates on every poll (as Tokio's {@code join!}), so a child that exhausts a
 * runtime's cooperative budget cannot keep the others from being polled. A child that throws fails
 * the join at once: it and the others are dropped, and drop failures are added to its exception as
 * suppressed. Polled by one thread at a time, so no field needs synchronization.
 */
final class JoinFuture<R> implements Future<R> {
  private final Future<?>[] children;
  private final Object[] outputs;
  private final Function<Object[], R> finisher;
  private int remaining;
  private int firstToPoll;
  private boolean finished;

  JoinFuture(Future<?>[] children, Function<Object[], R> finisher) {
    this.children = children;
    this.outputs = new Object[children.length];
    this.finisher = finisher;
    this.remaining = children.length;
  }

  @Override
  public Poll<R> poll(Context cx) throws Exception {
    if (finished) {
      throw new IllegalStateException("join polled after it completed, failed or was dropped");
    }
    int count = children.length;
    int start = firstToPoll;
    firstToPoll = start + 1 >= count ? 0 : start + 1;
    for (int step = 0; step < count; step++) {
      int index = start + step < count ? start + step : start + step - count;
      Future<?> child = children[index];
      if (child == null) {
        continue;
      }
      Poll<?> poll;
      try {
        poll = child.poll(cx);
      } catch (Throwable failure) {
        finished = true;
        Failures.dropAll(children, failure); // the child that threw as well: it is given up on
        throw failure;
      }
      if (poll instanceof Poll.Ready<?>(Object value)) {
        children[index] = null;
        outputs[index] = value;
        remaining--;
      }
    }
    if (remaining > 0) {
      return Poll.pending();
    }
    finished = true;
    return Poll.ready(finisher.apply(outputs));
  }

  @Override
  public void drop() {
    finished = true;
    Failures.dropAll(children, null);
  }
}
