package dev.gearbox.runtime;

/**
 * What a runtime does with the failure of a task that nobody joined: a task whose poll threw while
 * no task awaited its handle, no thread blocked in {@link JoinHandle#join()} and no {@link
 * JoinHandle#toCompletableFuture()} bridge existed (Cats Effect's rule: a fiber that fails with no
 * joiner registered reports its failure). Such a failure would otherwise vanish, as an uncaught
 * exception of a thread would without its default handler. A failure someone joins is theirs to
 * handle and is never passed here; a cancelled task is not a failure.
 *
 * <p>Every runtime counts these failures ({@code unjoinedFailures} in {@link RuntimeMetrics#all()})
 * and then calls its handler, chosen by the configuration key {@code gearbox.unjoinedFailure}
 * ({@link #log()} by default, {@link #ignore()}, {@link #shutdown()}) or, on runtimes whose builder
 * offers it, set in code. The handler runs on the thread that completed the task, once per failure:
 * keep it short, and do not block in it.
 */
@FunctionalInterface
public interface UnjoinedFailureHandler {

  /** The name of the {@link System.Logger} that {@link #log()} writes to. */
  String LOGGER_NAME = "dev.gearbox.runtime";

  /**
   * Handles the failure of a task nobody joined. An exception it throws goes to the calling
   * thread's uncaught-exception handler; the runtime carries on.
   *
   * @param runtime the runtime the task ran on
   * @param task the failed task's handle (its {@code id()}; joining it now throws the failure)
   * @param failure what the task's poll threw
   */
  void unjoinedFailure(Runtime runtime, JoinHandle<?> task, Throwable failure);

  /**
   * The default: logs the failure once, at {@code WARNING} with the task and the stack trace, to
   * the {@link System.Logger} named {@value #LOGGER_NAME} ({@code gearbox.unjoinedFailure=log}).
   *
   * @return the logging handler
   */
  static UnjoinedFailureHandler log() {
    return UnjoinedFailureLog.INSTANCE;
  }

  /**
   * Does nothing beyond the count in the metrics ({@code gearbox.unjoinedFailure=ignore}).
   *
   * @return the silent handler
   */
  static UnjoinedFailureHandler ignore() {
    return (runtime, task, failure) -> {};
  }

  /**
   * Logs the failure as {@link #log()} does, then shuts the runtime down without waiting ({@code
   * gearbox.unjoinedFailure=shutdown}, Tokio's {@code unhandled_panic = shutdown_runtime}): its
   * other tasks are cancelled.
   *
   * @return the shutting-down handler
   */
  static UnjoinedFailureHandler shutdown() {
    return (runtime, task, failure) -> {
      UnjoinedFailureLog.INSTANCE.unjoinedFailure(runtime, task, failure);
      runtime.shutdown();
    };
  }
}
