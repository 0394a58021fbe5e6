package dev.gearbox.workstealing;

import dev.gearbox.future.Poll;
import dev.gearbox.spi.RawTask;
import dev.gearbox.spi.TaskScheduler;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The global run queue: spawns and wakes from threads outside the workers, and the overflow of full
 * local queues. Unbounded and intrusive (no allocation per push); any thread pushes without a lock,
 * workers take batches under a lock.
 */
final class InjectQueue extends InjectQueueConsumerSide {
  /*
   * Implementation notes: Vyukov's intrusive multi-producer single-consumer queue, made
   * multi-consumer by a lock around the consumer side (Tokio's inject queue is a linked list under
   * a mutex; here producers stay lock-free, since remote spawns and wakes are the contended side).
   *
   * Producers: link the chain's last task to null, exchange `tail` (volatile, any thread), then
   * link the previous tail to the chain's first task with a release store. Between the exchange
   * and the link the queue is "inconsistent": the consumer sees a null link while `tail` moved on.
   * It then reports empty for now; the producer's own notification, which follows its link, wakes
   * a worker that will see the task, so no wake-up is lost.
   *
   * Consumer: `head` is read and written only under `consumerLock`, with release stores (a plain
   * move on x86, where a volatile store is a fence per task taken); isEmpty() reads it from any
   * thread, and only as a hint: the Dekker pair that keeps wake-ups from being lost is the
   * producers' exchange of `tail` against the parker's update of the idle state. A permanent
   * `stub` task stands in when the queue is empty; the queue is empty exactly when head and tail
   * are both the stub. `head` and `popped` lie in the superclass, a cache line of padding away
   * from `tail` and `pushed`.
   *
   * Counts, for metrics and batch sizes: `pushed` is added to by producers right after the
   * exchange (same cache line, already owned); `popped` only under the lock. Their difference is
   * the depth, exact when no push or pop is under way.
   */
  private static final VarHandle TAIL;
  private static final VarHandle PUSHED;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      TAIL = lookup.findVarHandle(InjectQueue.class, "tail", ScheduledTask.class);
      PUSHED = lookup.findVarHandle(InjectQueue.class, "pushed", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final ScheduledTask<?> stub;
  private final ReentrantLock consumerLock = new ReentrantLock();

  @SuppressWarnings("unused") // accessed through TAIL
  private volatile ScheduledTask<?> tail;

  @SuppressWarnings("unused") // accessed through PUSHED
  private volatile long pushed;

  InjectQueue() {
    this(new ScheduledTask<>(cx -> Poll.pending(), Unscheduled.INSTANCE));
  }

  private InjectQueue(ScheduledTask<?> stub) {
    super(stub);
    this.stub = stub;
    this.tail = stub;
  }

  /** Pushes one task. Any thread; lock-free (one exchange). */
  void push(ScheduledTask<?> task) {
    pushChain(task, task, 1);
  }

  /**
   * Pushes a chain already linked first..last through {@link ScheduledTask#spNext}, in one
   * exchange. Any thread.
   */
  void pushChain(ScheduledTask<?> first, ScheduledTask<?> last, int count) {
    last.spNext(null);
    ScheduledTask<?> previous = (ScheduledTask<?>) TAIL.getAndSet(this, last);
    PUSHED.getAndAdd(this, (long) count);
    previous.soNext(first);
  }

  /** Whether the queue holds no task (a task being pushed counts as held). Any thread. */
  boolean isEmpty() {
    return (ScheduledTask<?>) HEAD.getVolatile(this) == stub
        && (ScheduledTask<?>) TAIL.getVolatile(this) == stub;
  }

  /** Tasks pushed since creation, overflow batches included. */
  long pushed() {
    return (long) PUSHED.getVolatile(this);
  }

  /** The number of queued tasks, exact when nothing is pushed or popped at the same time. */
  int depth() {
    long depth = (long) PUSHED.getVolatile(this) - (long) POPPED.getVolatile(this);
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, depth));
  }

  /**
   * Takes up to {@code max} tasks: returns the first and pushes the others into {@code into}, which
   * must have room for {@code max - 1} more. Any thread; takes the consumer lock.
   *
   * @return the first task taken, or null if none was available
   */
  ScheduledTask<?> popBatch(int max, LocalRunQueue into) {
    if (isEmpty()) {
      return null;
    }
    consumerLock.lock();
    try {
      ScheduledTask<?> first = pollLocked();
      if (first == null) {
        return null;
      }
      int taken = 1;
      while (taken < max) {
        ScheduledTask<?> task = pollLocked();
        if (task == null) {
          break;
        }
        into.pushBack(task);
        taken++;
      }
      POPPED.setRelease(this, (long) POPPED.get(this) + taken);
      return first;
    } finally {
      consumerLock.unlock();
    }
  }

  /**
   * Takes and aborts every queued task, waiting out a push under way; for the last worker to end,
   * after the task set was closed. Any thread.
   */
  void drainAndAbort() {
    while (!isEmpty()) {
      ScheduledTask<?> task = popBatch(1, null);
      if (task != null) {
        task.abortQueued(); // a no-op for a stale entry, whose task is complete
      } else {
        Thread.onSpinWait(); // a producer exchanged the tail and has not linked yet
      }
    }
  }

  /** Vyukov's pop; under the consumer lock. Null when empty or momentarily inconsistent. */
  private ScheduledTask<?> pollLocked() {
    ScheduledTask<?> first = (ScheduledTask<?>) HEAD.get(this);
    ScheduledTask<?> next = first.lvNext();
    if (first == stub) {
      if (next == null) {
        return null;
      }
      HEAD.setRelease(this, next);
      first = next;
      next = next.lvNext();
    }
    if (next != null) {
      HEAD.setRelease(this, next);
      first.spNext(null);
      return first;
    }
    if (first != (ScheduledTask<?>) TAIL.getVolatile(this)) {
      return null; // a producer exchanged the tail and has not linked yet
    }
    pushChain(stub, stub, 0);
    next = first.lvNext();
    if (next != null) {
      HEAD.setRelease(this, next);
      first.spNext(null);
      return first;
    }
    return null;
  }

  /** The scheduler of the stub task, which is never scheduled. */
  private enum Unscheduled implements TaskScheduler {
    INSTANCE;

    @Override
    public void schedule(RawTask<?> task) {
      throw new IllegalStateException("the inject queue's stub is never scheduled");
    }

    @Override
    public void release(RawTask<?> task) {}
  }
}
