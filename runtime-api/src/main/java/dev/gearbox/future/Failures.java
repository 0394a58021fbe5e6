package dev.gearbox.future;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Helpers for failures that {@link Future#poll} rethrows and for dropping several futures. */
final class Failures {
  private Failures() {}

  /**
   * What a poll throws for {@code failure}: an exception as is; an error is thrown from here; any
   * other throwable is wrapped in an {@link ExecutionException}, since poll declares Exception.
   */
  static Exception asException(Throwable failure) {
    if (failure instanceof Exception exception) {
      return exception;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    return new ExecutionException(failure);
  }

  /** The cause that a {@link CompletionException} wraps, however deeply; else {@code failure}. */
  static Throwable unwrapCompletion(Throwable failure) {
    Throwable current = failure;
    while (current instanceof CompletionException && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  /**
   * Drops every non-null future in {@code futures} and clears its slot. Dropping goes on when one
   * drop throws: its exception is added to {@code primary} as suppressed, or, with no primary, the
   * first one is rethrown once all are dropped.
   */
  static void dropAll(Future<?>[] futures, Throwable primary) {
    RuntimeException firstDropFailure = null;
    for (int index = 0; index < futures.length; index++) {
      Future<?> future = futures[index];
      if (future == null) {
        continue;
      }
      futures[index] = null;
      try {
        future.drop();
      } catch (RuntimeException dropFailure) {
        if (primary != null) {
          if (dropFailure != primary) {
            primary.addSuppressed(dropFailure);
          }
        } else if (firstDropFailure == null) {
          firstDropFailure = dropFailure;
        } else {
          firstDropFailure.addSuppressed(dropFailure);
        }
      }
    }
    if (firstDropFailure != null) {
      throw firstDropFailure;
    }
  }
}
