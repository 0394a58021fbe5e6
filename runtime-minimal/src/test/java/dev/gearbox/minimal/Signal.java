package dev.gearbox.minimal;

import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Waker;
import java.util.concurrent.CompletableFuture;

/** A one-shot signal that any number of futures can await; for tests. */
final class Signal {
  private final CompletableFuture<Void> fired = new CompletableFuture<>();

  void fire() {
    fired.complete(null);
  }

  /** A new future that completes once the signal fires; each awaiter needs its own. */
  Future<Void> awaitFired() {
    return new Future<>() {
      private boolean registered;

      @Override
      public Poll<Void> poll(dev.gearbox.future.Context cx) {
        if (fired.isDone()) {
          return Poll.ready();
        }
        if (!registered) {
          registered = true;
          Waker waker = cx.waker();
          fired.whenComplete((ignored, failure) -> waker.wake());
        }
        return Poll.pending();
      }
    };
  }
}
