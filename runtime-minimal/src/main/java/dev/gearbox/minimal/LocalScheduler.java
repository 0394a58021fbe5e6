package dev.gearbox.minimal;

import dev.gearbox.spi.OwnedTasks;
import dev.gearbox.spi.RawTask;
import dev.gearbox.spi.TaskScheduler;
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
   * by the owner only.
   */
  private static final int CHUNK_SIZE = 128;

  private final MpscUnboundedAtomicArrayQueue<RawTask<?>> queue =
      new MpscUnboundedAtomicArrayQueue<>(CHUNK_SIZE);
  private final Parker parker;
  final OwnedTasks owned = new OwnedTasks();

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

  /** The next task to run, or null. Owner thread only. */
  RawTask<?> poll() {
    return queue.poll();
  }
}
