package dev.gearbox.testkit;

import dev.gearbox.future.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How deep task polls nest on one thread, and the deepest seen: a poll runs inside another only
 * where a runtime polls a task in place (a helping join), so a depth above one shows that it helps,
 * and the deepest shows its bound. A future counts its poll with {@link #enter()} and {@link
 * #exit()} (in a {@code finally}). Thread-safe; the depth is per thread, the deepest shared.
 */
public final class PollNesting {
  /** Polls nested on the current thread, over every PollNesting: only one counts at a time. */
  private static final ThreadLocal<int[]> CURRENT = ThreadLocal.withInitial(() -> new int[1]);

  private final AtomicInteger deepest = new AtomicInteger();

  /** Creates a record with nothing seen yet. */
  public PollNesting() {}

  /** Counts one more poll on the calling thread's stack. */
  public void enter() {
    deepest.accumulateAndGet(++CURRENT.get()[0], Math::max);
  }

  /** Ends the poll {@link #enter()} counted. */
  public void exit() {
    CURRENT.get()[0]--;
  }

  /**
   * The deepest nesting seen.
   *
   * @return the most polls seen on one stack at once, 0 if none
   */
  public int deepest() {
    return deepest.get();
  }

  /**
   * A chain of {@code links} tasks, each spawning the next and awaiting it, its polls counted here;
   * completes with {@code links}.
   *
   * @param links the number of tasks, at least 1
   * @return the chain's first link, to spawn
   */
  public Future<Long> chain(int links) {
    return new JoinFutures.ChainLink(links, this);
  }
}
