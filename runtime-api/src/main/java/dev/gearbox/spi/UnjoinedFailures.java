package dev.gearbox.spi;

import dev.gearbox.runtime.ConfigKey;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.UnjoinedFailureHandler;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * A runtime's account of the failures of tasks nobody joined (see {@link UnjoinedFailureHandler}):
 * counts them for the metrics and passes each to the runtime's handler. {@link RawTask} finds such
 * a failure on its completion path only, so a task that succeeds, or fails while joined, pays
 * nothing here. Thread-safe.
 */
public final class UnjoinedFailures {
  /** Values of {@link CommonKeys#UNJOINED_FAILURE}. */
  static final String LOG = "log";

  static final String IGNORE = "ignore";
  static final String SHUTDOWN = "shutdown";

  private final Runtime runtime;
  private final UnjoinedFailureHandler handler;
  private final LongAdder count = new LongAdder();

  /**
   * Creates the account of {@code runtime}.
   *
   * @param runtime the runtime, passed to the handler
   * @param handler what to do with each failure
   */
  public UnjoinedFailures(Runtime runtime, UnjoinedFailureHandler handler) {
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    this.handler = Objects.requireNonNull(handler, "handler");
  }

  /**
   * The handler that {@link CommonKeys#UNJOINED_FAILURE} selects in {@code config}.
   *
   * @param config the runtime's configuration
   * @return the handler: log (the default), ignore or shutdown
   * @throws dev.gearbox.runtime.ConfigException if the value is not one of those
   */
  public static UnjoinedFailureHandler handlerFrom(RuntimeConfig config) {
    return handlerFor(config.get(CommonKeys.UNJOINED_FAILURE));
  }

  /** The built-in handler for a checked value of the key. */
  static UnjoinedFailureHandler handlerFor(String policy) {
    return switch (policy) {
      case IGNORE -> UnjoinedFailureHandler.ignore();
      case SHUTDOWN -> UnjoinedFailureHandler.shutdown();
      default -> UnjoinedFailureHandler.log();
    };
  }

  /** The key's parser: one of the policies, in any case; null (refused) otherwise. */
  static String parsePolicy(String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    return switch (value) {
      case LOG, IGNORE, SHUTDOWN -> value;
      default -> null;
    };
  }

  /** The key, declared in {@link CommonKeys}. */
  static ConfigKey<String> key(String name) {
    return new ConfigKey<>(
        name,
        LOG,
        LOG + ", " + IGNORE + " or " + SHUTDOWN,
        "what a task's failure that nobody joined does: log it (WARNING), ignore it (count only),"
            + " or log it and shut the runtime down",
        UnjoinedFailures::parsePolicy);
  }

  /**
   * Counts the failure of {@code task}, then hands it to the handler; a handler that throws is
   * reported to this thread's uncaught-exception handler. Called once per failed task, on the
   * thread that completed it.
   *
   * @param task the failed task
   * @param failure what its poll threw
   */
  public void report(JoinHandle<?> task, Throwable failure) {
    count.increment();
    try {
      handler.unjoinedFailure(runtime, task, failure);
    } catch (Throwable handlerFailure) {
      RawTask.uncaught(handlerFailure);
    }
  }

  /**
   * How many failures were reported so far.
   *
   * @return the count
   */
  public long count() {
    return count.sum();
  }
}
