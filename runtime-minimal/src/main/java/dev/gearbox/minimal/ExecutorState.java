package dev.gearbox.minimal;

import dev.gearbox.future.Future;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.RuntimeClosedException;
import dev.gearbox.spi.OwnedTasks;
import dev.gearbox.spi.RawTask;
import dev.gearbox.spi.TaskScheduler;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the runners of one {@link Executor} share: the global queue, the registry of runners (whose
 * local queues are stolen from), the sleepers, and the set of alive tasks. It is the {@link
 * TaskScheduler} of the executor's tasks.
 */
final class ExecutorState implements TaskScheduler {
  /*
   * Implementation notes: after async-executor's `State` (smol-rs).
   *
   * schedule(): a task woken on a runner thread of this executor goes to that runner's local queue
   * (only the owner pushes there), any other wake to the global queue. Then a full fence, then
   * Sleepers.notifyOne(): the fence orders the queue's release store before the read of
   * `notified`, which the store-load race with a runner going to sleep needs (see Sleepers). A
   * self-wake during a poll (yieldNow) is the same: the local queue is FIFO, so the task goes
   * behind the ones already there.
   *
   * close(): sets `closed`, unparks every runner (runners started for the executor's lifetime
   * leave; callers of run() keep polling their own future), then cancels every alive task through
   * OwnedTasks. `closed` and `runners` are both volatile and written/read in opposite orders by
   * register() and close(), so a runner that registers during close sees `closed`.
   *
   * Fields: `runners` copy-on-write under `runnersLock`, read anywhere; `closed` any thread;
   * the rest are thread-safe objects.
   */
  final GlobalQueue global = new GlobalQueue();
  final Sleepers sleepers = new Sleepers();
  final LongAdder polls = new LongAdder();
  private final OwnedTasks owned = new OwnedTasks();
  private final String label;
  private final Object runnersLock = new Object();
  private volatile Runner[] runners = new Runner[0];
  private volatile boolean closed;

  /** Creates the state; {@code label} names the executor in exception messages. */
  ExecutorState(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  <T> JoinHandle<T> spawn(Future<T> future) {
    RawTask<T> task = new RawTask<>(future, this);
    if (!owned.bind(task)) {
      throw new RuntimeClosedException(label, "spawn");
    }
    schedule(task);
    return task;
  }

  @Override
  public void schedule(RawTask<?> task) {
    if (Driver.current() instanceof Runner runner && runner.state() == this) {
      runner.localQueue().push(task);
    } else {
      global.offer(task);
    }
    VarHandle.fullFence();
    sleepers.notifyOne();
  }

  @Override
  public void release(RawTask<?> task) {
    owned.remove(task);
  }

  void register(Runner runner) {
    synchronized (runnersLock) {
      Runner[] grown = Arrays.copyOf(runners, runners.length + 1);
      grown[grown.length - 1] = runner;
      runners = grown;
    }
  }

  void unregister(Runner runner) {
    synchronized (runnersLock) {
      Runner[] current = runners;
      Runner[] shrunk = new Runner[current.length - 1];
      int next = 0;
      for (Runner each : current) {
        if (each != runner) {
          shrunk[next++] = each;
        }
      }
      runners = shrunk;
    }
  }

  /** The registered runners, a snapshot; do not modify. */
  Runner[] runners() {
    return runners;
  }

  boolean isClosed() {
    return closed;
  }

  /** Refuses new tasks, releases the runners started for the executor's life, cancels all tasks. */
  void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Runner runner : runners) {
      runner.unpark();
    }
    owned.closeAndCancelAll();
  }

  long aliveTasks() {
    return owned.alive();
  }

  long spawnedTasks() {
    return owned.spawned();
  }
}
