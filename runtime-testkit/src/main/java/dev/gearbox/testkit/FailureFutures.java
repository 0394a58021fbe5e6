package dev.gearbox.testkit;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Futures and a log capture for the failure tests. */
final class FailureFutures {
  private FailureFutures() {}

  /**
   * Polls {@code held} (a sleep, an acquire) while it is pending and {@code trigger} until it
   * completes, then throws {@code failure}. Counts its polls and drops; a drop is forwarded to
   * {@code trigger}, and to {@code held} unless that completed.
   */
  static final class ThrowsWhileHolding implements Future<Object> {
    private final Future<?> held;
    private final Future<?> trigger;
    private final Exception failure;
    final AtomicInteger polls = new AtomicInteger();
    final AtomicInteger drops = new AtomicInteger();
    private boolean heldReady;

    ThrowsWhileHolding(Future<?> held, Future<?> trigger, Exception failure) {
      this.held = held;
      this.trigger = trigger;
      this.failure = failure;
    }

    @Override
    public Poll<Object> poll(Context cx) throws Exception {
      if (!heldReady && held.poll(cx).isReady()) {
        heldReady = true;
      }
      boolean triggered = trigger.poll(cx).isReady();
      polls.incrementAndGet();
      if (triggered) {
        throw failure;
      }
      return Poll.pending();
    }

    @Override
    public void drop() {
      drops.incrementAndGet();
      if (!heldReady) {
        held.drop();
      }
      trigger.drop();
    }
  }

  /** Throws {@code failure} on its second poll, after waking itself on the first. */
  static <T> Future<T> failAfterYield(Exception failure) {
    boolean[] yielded = {false};
    return cx -> {
      if (!yielded[0]) {
        yielded[0] = true;
        cx.waker().wake();
        return Poll.pending();
      }
      throw failure;
    };
  }

  /**
   * The records logged to the {@code java.util.logging} logger of {@code name} while open, which is
   * where the JDK's default {@code System.Logger} of that name writes when {@code java.logging} is
   * present. Records still go to the logger's other handlers.
   */
  static final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger;
    private final List<LogRecord> records = new ArrayList<>();

    LogCapture(String name) {
      this.logger = Logger.getLogger(name); // held here: JUL keeps loggers weakly
      logger.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord record) {
      records.add(record);
    }

    /** The records whose thrown exception is {@code failure}. */
    synchronized List<LogRecord> about(Throwable failure) {
      return records.stream().filter(record -> record.getThrown() == failure).toList();
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
      logger.removeHandler(this);
    }
  }
}
