package dev.gearbox.future;

/**
 * Polls several futures until one completes, completes with its output and drops the others: the
 * engine of {@link Futures#race} and {@link Futures#select}.
 *
 * <p>Implementation notes: the index polled first rotates on every poll, so when several children
 * are ready together each wins in turn across polls and none starves (Tokio's {@code select!} picks
 * a random start instead; rotation is deterministic, which the simulated runtime needs for replay).
 * A child that throws fails the race, and it and the others are dropped. Every slot is cleared once
 * the race is finished, so nothing is dropped twice. Polled by one thread at a time.
 */
final class RaceFuture<T> implements Future<T> {
  private final Future<? extends T>[] children;
  private int firstToPoll;
  private boolean finished;

  RaceFuture(Future<? extends T>[] children) {
    this.children = children;
  }

  @Override
  public Poll<T> poll(Context cx) throws Exception {
    if (finished) {
      throw new IllegalStateException("race polled after it completed, failed or was dropped");
    }
    int count = children.length;
    int start = firstToPoll;
    firstToPoll = start + 1 >= count ? 0 : start + 1;
    for (int step = 0; step < count; step++) {
      int index = start + step < count ? start + step : start + step - count;
      Poll<? extends T> poll;
      try {
        poll = children[index].poll(cx);
      } catch (Throwable failure) {
        finished = true;
        Failures.dropAll(children, failure); // the child that threw as well: it is given up on
        throw failure;
      }
      if (poll.isReady()) {
        children[index] = null;
        finished = true;
        Failures.dropAll(children, null);
        return narrow(poll);
      }
    }
    return Poll.pending();
  }

  /** A Poll is immutable, so a {@code Poll<? extends T>} is safely a {@code Poll<T>}. */
  @SuppressWarnings("unchecked")
  private static <T> Poll<T> narrow(Poll<? extends T> poll) {
    return (Poll<T>) poll;
  }

  @Override
  public void drop() {
    finished = true;
    Failures.dropAll(children, null);
  }
}
