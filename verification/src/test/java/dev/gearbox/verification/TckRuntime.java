package dev.gearbox.verification;

import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/** The runtime the TCK verifications drive their streams on, and their item sources. */
final class TckRuntime {
  /** How long the TCK waits for a signal, or for the absence of one. */
  static final long TIMEOUT_MILLIS = 200;

  private TckRuntime() {}

  /** A minimal runtime with two runner threads, as the conformance suite uses. */
  static Runtime create() {
    return Runtimes.create(
        RuntimeConfig.of(Map.of(RuntimeConfig.RUNTIME_KEY, "minimal", "gearbox.workers", "2")));
  }

  /** The numbers 0 to {@code count - 1}, lazily (the TCK asks for up to Long.MAX_VALUE - 1). */
  static Iterable<Long> range(long count) {
    return () ->
        new Iterator<>() {
          private long next;

          @Override
          public boolean hasNext() {
            return next < count;
          }

          @Override
          public Long next() {
            if (next >= count) {
              throw new NoSuchElementException();
            }
            return next++;
          }
        };
  }
}
