package dev.gearbox.embedded;

import dev.gearbox.future.Future;
import dev.gearbox.spi.RawTask;
import dev.gearbox.spi.TaskScheduler;

/**
 * A task of the {@code embedded} runtime: the shared {@link RawTask} state machine (waker, context
 * and join handle in one object) with the links of an {@link Executor}'s intrusive run queue. Its
 * timer links are made only if it polls an embedded {@link Timer}.
 *
 * @param <T> the output type
 */
final class EmbeddedTask<T> extends RawTask<T> implements TaskNode {
  private final Executor executor;
  private final boolean blockOn;
  private TaskNode runNext;
  private TimerLinks timerLinks;

  EmbeddedTask(Future<T> future, TaskScheduler scheduler, Executor executor, boolean blockOn) {
    super(future, scheduler);
    this.executor = executor;
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
  public void runFromQueue(Executor running) {
    run();
  }

  @Override
  public void abandoned() {
    abort(); // claims the idle task and completes it as cancelled; nothing if already complete
  }

  @Override
  public Executor executor() {
    return executor;
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
