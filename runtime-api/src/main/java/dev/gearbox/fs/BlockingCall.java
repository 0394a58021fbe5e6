package dev.gearbox.fs;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.runtime.Async;
import dev.gearbox.runtime.JoinException;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.JoinedElsewhere;
import java.util.concurrent.Callable;

/**
 * A future that runs one blocking call on the blocking pool ({@code spawnBlocking}) of the runtime
 * that polls it (or the default runtime, from a thread of none), and completes with its result or
 * fails with its exception as the call threw it.
 *
 * @param <T> the call's result type
 */
final class BlockingCall<T> implements Future<T>, Callable<T>, JoinedElsewhere {
  /*
   * Implementation notes: the call is spawned at the first poll (futures do nothing until polled),
   * then the handle is polled, which registers this task's waker. A JoinException from a failed
   * call is unwrapped to its cause, so an awaiting task sees NoSuchFileException and the rest as
   * the JDK throws them; a cancelled join (the runtime shut down) is thrown as is. Dropping the
   * future aborts the call if it has not started; once started it runs to the end.
   */
  private final Callable<T> call;
  private JoinHandle<T> handle;

  BlockingCall(Callable<T> call) {
    this.call = call;
  }

  @Override
  public Poll<T> poll(Context cx) throws Exception {
    if (handle == null) {
      handle = Async.runtime().spawnBlocking(this); // this awaits it: JoinedElsewhere
    }
    try {
      return handle.poll(cx);
    } catch (JoinException failed) {
      throw unwrap(failed);
    }
  }

  /**
   * Runs the call, on a blocking-pool thread.
   *
   * @return the call's result
   * @throws Exception what the call throws
   */
  @Override
  public T call() throws Exception {
    return call.call();
  }

  /** The exception the call threw, to rethrow as it is; the JoinException itself if cancelled. */
  static Exception unwrap(JoinException failed) {
    Throwable cause = failed.getCause();
    if (failed.isCancelled() || cause == null) {
      return failed;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return cause instanceof Exception exception ? exception : failed;
  }

  @Override
  public void drop() {
    if (handle != null) {
      handle.abort();
    }
  }
}
