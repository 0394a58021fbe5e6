package dev.gearbox.minimal;

import dev.gearbox.future.Context;
import dev.gearbox.future.Waker;
import dev.gearbox.spi.OwnedTasks;
import dev.gearbox.spi.RawTask;
import dev.gearbox.spi.TaskScheduler;
import dev.gearbox.spi.sched.CoopBudget;
import dev.gearbox.spi.sched.Parker;
import org.jctools.queues.atomic.MpscUnboundedAtomicArrayQueue;

/**
 * The run queue and scheduler of a {@link LocalExecutor}: tasks are woken from any thread and run
 * only on the owner thread.
 */
final class LocalScheduler implements TaskScheduler {
  /*
   * Implementation notes: an unbounded MPSC queue (JCTools' MpscUnboundedAtomicArrayQueue, linked
   * chunks, on field updaters): any thread offers, the owner polls. A wake from another thread
   * offers and then grants the owner's Parker; the Parker's getAndSet orders the offer before the
   * owner's next look at the queue (see Parker), so a wake that arrives while the owner is about to
   * park is never lost. A wake on the owner thread only offers: the owner looks at the queue before
   * it parks.
   *
   * Fields: `parker` and `owned` are thread-safe; the queue is offered to by any thread and polled
   * by the owner only; `budget` is the owner's: the cooperative budget of the poll in progress,
   * reset by startPoll before each poll of a task or the main future and spent during it (a poll
   * runs on the owner thread).
   */
  private static final int CHUNK_SIZE = 128;

  private final MpscUnboundedAtomicArrayQueue<RawTask<?>> queue =
      new MpscUnboundedAtomicArrayQueue<>(CHUNK_SIZE);
  private final Parker parker;
  final OwnedTasks owned = new OwnedTasks();
  private int budget;

  /** Creates the scheduler of an executor whose owner parks on {@code parker}. */
  LocalScheduler(Parker parker) {
    this.parker = parker;
  }

  @Override
  public void schedule(RawTask<?> task) {
    queue.offer(task);
    if (Thread.currentThread() != parker.owner()) {
      parker.unpark();
    }
  }

  @Override
  public void release(RawTask<?> task) {
    owned.remove(task);
  }

  /** Gives the poll about to start a full cooperative budget. Owner thread only. */
  void startPoll() {
    budget = CoopBudget.PER_POLL;
  }

  /**
   * Spends one unit of the budget of the poll in progress; false once it is spent (the count then
   * goes below zero until the next poll starts).
   */
  @Override
  public boolean consumeBudget() {
    return budget-- > 0;
  }

  /**
   * The context of the main future of {@code run}: its waker, and this executor's budget.
   *
   * @param waker the main future's waker
   * @return the context
   */
  Context mainContext(Waker waker) {
    return new Context() {
      @Override
      public Waker waker() {
        return waker;
      }

      @Override
      public boolean consumeBudget() {
        return LocalScheduler.this.consumeBudget();
      }
    };
  }

  /** The next task to run, or null. Owner thread only. */
  RawTask<?> poll() {
    return queue.poll();
  }
}
