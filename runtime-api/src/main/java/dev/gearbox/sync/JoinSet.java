package dev.gearbox.sync;

import dev.gearbox.future.AtomicWaker;
import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Futures;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Step;
import dev.gearbox.runtime.JoinException;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.JoinedElsewhere;
import dev.gearbox.runtime.Runtime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A set of spawned tasks, joined in the order they finish (Tokio's {@code JoinSet}): {@link #spawn}
 * many futures, then {@link #joinNext()} each as it completes; {@link #close()} aborts those still
 * running, so try-with-resources never leaks tasks.
 *
 * <pre>{@code
 * try (JoinSet<Integer> set = new JoinSet<>()) {    // inside a task: spawns on its runtime
 *   for (String url : urls) set.spawn(fetchLength(url));
 *   return set.joinAll();                           // outputs in completion order
 * }
 * }</pre>
 *
 * <p>Fairness: tasks are joined in the order they finished. Cancellation: a dropped {@code
 * joinNext()} future loses no task: the task it was about to return stays in the set for the next
 * call. Aborted tasks are joined too, each as a {@link JoinException} that says cancelled.
 *
 * <p>Cost: each spawn wraps the future in one small tracking future; a completion is a lock-free
 * queue offer and a wake. The set is owned by one task: spawn, join and abort from it, one at a
 * time (completions arrive from any thread).
 *
 * @param <T> the output type of the tasks
 */
public final class JoinSet<T> implements AutoCloseable {
  /*
   * Implementation notes. Each task runs a Tracked wrapper that, when its future completes, throws
   * or is dropped (abort), puts its Entry on `finished` and wakes `joiner`. joinNext takes the
   * oldest finished entry and polls its handle, which is complete or about to be (the wrapper
   * reports just before the task's state turns COMPLETE; the handle's own join waker covers that).
   * `finished` and `joiner` are touched by any thread; `entries`, `current` and `runtime` by the
   * owner only.
   */

  private final ConcurrentLinkedQueue<Entry<T>> finished = new ConcurrentLinkedQueue<>();
  private final AtomicWaker joiner = new AtomicWaker();
  private final Set<Entry<T>> entries = new LinkedHashSet<>();
  private final Runtime runtime;
  private Entry<T> current;

  /** Creates an empty set that spawns on the runtime current at each {@link #spawn} call. */
  public JoinSet() {
    this.runtime = null;
  }

  /**
   * Creates an empty set that spawns on {@code runtime}.
   *
   * @param runtime where to spawn
   * @throws NullPointerException if {@code runtime} is null
   */
  public JoinSet(Runtime runtime) {
    this.runtime = Objects.requireNonNull(runtime, "runtime");
  }

  /**
   * Spawns {@code future} as a task of this set.
   *
   * @param future the future to run
   * @return the task's handle (joining through the set is the usual way)
   * @throws NullPointerException if {@code future} is null
   * @throws IllegalStateException if this set has no runtime and the caller is in none
   * @throws dev.gearbox.runtime.RuntimeClosedException if the runtime is shut down
   */
  public JoinHandle<T> spawn(Future<T> future) {
    Objects.requireNonNull(future, "future");
    Runtime target = runtime != null ? runtime : Runtime.current();
    Entry<T> entry = new Entry<>();
    entry.handle = target.spawn(new Tracked<>(future, entry, this));
    entries.add(entry);
    return entry.handle;
  }

  /**
   * A future of the output of the next task to finish; it throws {@link JoinException} if that task
   * failed or was cancelled (the task has then left the set all the same), and {@link
   * NoSuchElementException} if the set holds no task when polled.
   *
   * @return the future of the next output
   */
  public Future<T> joinNext() {
    return cx -> {
      if (!cx.proceedOrYield()) {
        cx.waitingIn("JoinSet.joinNext");
        return Poll.pending();
      }
      if (current == null) {
        current = finished.poll();
        if (current == null) {
          if (entries.isEmpty()) {
            throw new NoSuchElementException("joinNext on an empty JoinSet");
          }
          joiner.register(cx.waker());
          current = finished.poll();
          if (current == null) {
            cx.waitingIn("JoinSet.joinNext");
            return Poll.pending();
          }
        }
      }
      Entry<T> joining = current;
      Poll<T> poll;
      try {
        poll = joining.handle.poll(cx);
      } catch (JoinException failed) {
        leave(joining);
        throw failed;
      }
      if (poll.isReady()) {
        leave(joining);
      }
      return poll;
    };
  }

  /**
   * A future of every remaining task's output, in the order they finish; the first failure fails it
   * (the other tasks keep running in the set).
   *
   * @return the future of the outputs
   */
  public Future<List<T>> joinAll() {
    return Futures.<List<T>, List<T>>loop(
        new ArrayList<>(),
        (List<T> outputs) ->
            entries.isEmpty()
                ? Futures.ready(Step.<List<T>, List<T>>done(outputs))
                : joinNext()
                    .map(
                        output -> {
                          outputs.add(output);
                          return Step.<List<T>, List<T>>next(outputs);
                        }));
  }

  /**
   * How many tasks are in the set: running, or finished and not yet joined.
   *
   * @return the task count
   */
  public int size() {
    return entries.size();
  }

  /**
   * Whether no task is in the set.
   *
   * @return true if empty
   */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Aborts every task of the set; they stay in it, to be joined as cancelled. */
  public void abortAll() {
    for (Entry<T> entry : entries) {
      entry.handle.abort();
    }
  }

  /** Aborts every task and empties the set (Tokio drops a JoinSet this way). */
  @Override
  public void close() {
    abortAll();
    entries.clear();
    finished.clear();
    current = null;
  }

  private void leave(Entry<T> entry) {
    entries.remove(entry);
    current = null;
  }

  /** One task of the set: its handle, set right after spawn by the owner. */
  private static final class Entry<T> {
    volatile JoinHandle<T> handle;
  }

  /**
   * Runs the task's future and reports its end to the set, once, however it ends (a poll that
   * throws is followed by the task's drop). The set joins the task, so its failure is not an
   * unjoined one.
   */
  private static final class Tracked<T> implements Future<T>, JoinedElsewhere {
    private final Future<T> inner;
    private final Entry<T> entry;
    private final JoinSet<T> set;
    private boolean reported;

    Tracked(Future<T> inner, Entry<T> entry, JoinSet<T> set) {
      this.inner = inner;
      this.entry = entry;
      this.set = set;
    }

    @Override
    public Poll<T> poll(Context cx) throws Exception {
      Poll<T> poll;
      try {
        poll = inner.poll(cx);
      } catch (Exception | Error failure) {
        report();
        throw failure;
      }
      if (poll.isReady()) {
        report();
      }
      return poll;
    }

    @Override
    public void drop() {
      try {
        inner.drop();
      } finally {
        report();
      }
    }

    private void report() {
      if (reported) {
        return;
      }
      reported = true;
      set.finished.add(entry);
      set.joiner.wake();
    }
  }
}
