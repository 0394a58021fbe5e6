package dev.gearbox.spi;

/**
 * Where the runtimes report what they cannot throw to a caller: every report goes through {@link
 * System.Logger}, so an application's logging backend (SLF4J, Log4j, java.util.logging) receives it
 * through the JDK's platform logging; Gearbox never writes to {@code System.err} itself. Each
 * module logs under its own name (see the constants); docs/logging.md lists what is logged.
 */
public final class RuntimeLog {
  /** Tasks and the shared runtime machinery (unjoined failures, a drop that threw). */
  public static final String RUNTIME = "dev.gearbox.runtime";

  /** Fibers (the fallback to the JDK's scheduler). */
  public static final String FIBER = "dev.gearbox.fiber";

  /** The work-stealing runtime. */
  public static final String WORKSTEALING = "dev.gearbox.workstealing";

  /** The multithread runtime (worker replacement). */
  public static final String MULTITHREAD = "dev.gearbox.multithread";

  /** The minimal runtime. */
  public static final String MINIMAL = "dev.gearbox.minimal";

  /** The embedded runtime. */
  public static final String EMBEDDED = "dev.gearbox.embedded";

  private RuntimeLog() {}

  /**
   * Reports a failure that escaped on the current thread and cannot be thrown to a caller (a drop
   * or a join waker that threw, a hook that threw): to the thread's own uncaught-exception handler
   * or the JVM's default one when the application set one, else as an ERROR record, with the stack
   * trace, on the logger {@code loggerName} (where the JDK would print it to {@code System.err}).
   * The thread carries on.
   *
   * @param loggerName the logger of the reporting module, one of this class's constants
   * @param failure what escaped
   */
  public static void uncaught(String loggerName, Throwable failure) {
    Thread current = Thread.currentThread();
    Thread.UncaughtExceptionHandler handler = current.getUncaughtExceptionHandler();
    boolean applicationHandler =
        handler != current.getThreadGroup() || Thread.getDefaultUncaughtExceptionHandler() != null;
    if (applicationHandler && handler != null) {
      handler.uncaughtException(current, failure);
      return;
    }
    System.getLogger(loggerName)
        .log(
            System.Logger.Level.ERROR,
            "uncaught failure on thread '" + current.getName() + "'; the thread carries on",
            failure);
  }
}
