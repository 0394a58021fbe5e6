package dev.gearbox.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what Gearbox logs through {@link System.Logger} under one logger name while open, for
 * tests, with the JDK's default backend ({@code java.util.logging}): each record as {@code "LEVEL
 * message"}. Records still reach the logger's other handlers.
 */
public final class LogRecords implements AutoCloseable {
  private final Logger logger;
  private final List<String> records = new ArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          synchronized (records) {
            records.add(record.getLevel().getName() + " " + record.getMessage());
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private LogRecords(String loggerName) {
    this.logger = Logger.getLogger(loggerName); // held here: java.util.logging keeps it weakly
    logger.addHandler(handler);
  }

  /**
   * Starts capturing the records of {@code loggerName} (a {@code dev.gearbox.spi.RuntimeLog} name).
   *
   * @param loggerName the logger's name
   * @return the capture; close it to stop
   */
  public static LogRecords capture(String loggerName) {
    return new LogRecords(loggerName);
  }

  /**
   * The records captured so far, as {@code "LEVEL message"} ({@code WARNING}, {@code SEVERE} for
   * ERROR, …).
   *
   * @return a snapshot
   */
  public List<String> messages() {
    synchronized (records) {
      return List.copyOf(records);
    }
  }

  /** Stops capturing. */
  @Override
  public void close() {
    logger.removeHandler(handler);
  }
}
