package dev.gearbox.embedded;

import dev.gearbox.future.Future;
import dev.gearbox.spi.RawTask;
import dev.gearbox.spi.TaskScheduler;

/**
 * A task of the {@code embedded} runtime: the shared {@link RawTask} state machine (waker, context
 * and join handle in one object) with the links of an {@link EmbeddedExecutor}'s intrusive run
 * queue. Its timer links are made only if it polls an embedded {@link TickTimer}.
 *
 * @param <T> the output type
 */
final class EmbeddedTask<T> extends RawTask<T> implements TaskNode {
  /*
   * Implementation notes: the runtime keeps every task alive until it finishes, and skynet keeps
   * a million at once, so the object is kept small: no field for its executor, which is the one
   * of the runtime's thread (EmbeddedThread), the only thread that polls the task and so the only
   * one that asks (embedded Timers and Tickers, inside a poll). With RawTask's fields, the boolean
   * fills a gap and the two links end the object at 72 bytes (compressed oops).
   */
  private final boolean blockOn;
  private TaskNode runNext;
  private TimerLinks timerLinks;

  EmbeddedTask(Future<T> future, TaskScheduler scheduler, boolean blockOn) {
    super(future, scheduler);
    this.blockOn = blockOn;
  }

  /** Whether this task runs the future of a {@code blockOn} call (not counted in the pool). */
  boolean isBlockOn() {
    return blockOn;
  }

  @Override
  public TaskNode runNext() {
    return runNext;
  }

  @Override
  public void runNext(TaskNode next) {
    runNext = next;
  }

  @Override
  public void runFromQueue(EmbeddedExecutor running) {
    run();
  }

  @Override
  public void abandoned() {
    abort(); // claims the idle task and completes it as cancelled; nothing if already complete
  }

  /**
   * The runtime's executor, asked inside a poll of this task; fails clearly on another thread.
   *
   * @throws IllegalStateException off the runtime's executor thread
   */
  @Override
  public EmbeddedExecutor executor() {
    if (Thread.currentThread() instanceof EmbeddedThread thread) {
      return thread.executor();
    }
    throw new IllegalStateException(
        "an embedded TickTimer or Ticker was polled with the context of "
            + this
            + " on thread '"
            + Thread.currentThread().getName()
            + "', not on the embedded runtime's executor thread");
  }

  @Override
  public TimerLinks timerLinks() {
    TimerLinks links = timerLinks;
    if (links == null) {
      links = new TimerLinks(this);
      timerLinks = links;
    }
    return links;
  }
}
