package dev.gearbox.future;

import java.util.concurrent.Callable;

/** The leaf futures behind {@link Futures}' simple factories. */
final class SimpleFutures {
  private SimpleFutures() {}

  /** {@link Futures#ready}: the same Ready poll on every poll. */
  static final class ReadyFuture<T> implements Future<T> {
    private final Poll<T> result;

    ReadyFuture(T value) {
      this.result = value == null ? Poll.ready() : Poll.ready(value);
    }

    @Override
    public Poll<T> poll(Context cx) {
      return result;
    }
  }

  /** {@link Futures#failed}: throws its failure when polled. */
  static final class FailedFuture<T> implements Future<T> {
    private final Throwable failure;

    FailedFuture(Throwable failure) {
      this.failure = failure;
    }

    @Override
    public Poll<T> poll(Context cx) throws Exception {
      throw Failures.asException(failure);
    }
  }

  /** {@link Futures#pending}: never completes and registers nothing; stateless, so shared. */
  enum NeverFuture implements Future<Object> {
    INSTANCE;

    @Override
    public Poll<Object> poll(Context cx) {
      return Poll.pending();
    }
  }

  /** {@link Futures#lazy}: calls its callable on the first poll. */
  static final class LazyFuture<T> implements Future<T> {
    private Callable<? extends T> callable;

    LazyFuture(Callable<? extends T> callable) {
      this.callable = callable;
    }

    @Override
    public Poll<T> poll(Context cx) throws Exception {
      Callable<? extends T> once = callable;
      if (once == null) {
        throw new IllegalStateException("lazy future polled after it completed");
      }
      callable = null;
      return Poll.ready(once.call());
    }

    @Override
    public void drop() {
      callable = null;
    }
  }

  /** {@link Futures#yieldNow}: Pending once, after a deferred wake of its task; then Ready. */
  static final class YieldFuture implements Future<Void> {
    private boolean yielded;

    @Override
    public Poll<Void> poll(Context cx) {
      if (yielded) {
        return Poll.ready();
      }
      yielded = true;
      cx.deferWake();
      return Poll.pending();
    }
  }
}
