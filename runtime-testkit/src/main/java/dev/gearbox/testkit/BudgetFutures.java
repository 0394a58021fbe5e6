package dev.gearbox.testkit;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Futures;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Step;
import dev.gearbox.io.TcpListener;
import dev.gearbox.io.TcpStream;
import dev.gearbox.spi.sched.CoopBudget;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** Futures that are always ready, for the conformance tests of the cooperative budget. */
final class BudgetFutures {
  private BudgetFutures() {}

  /**
   * Spends the poll's budget to the end and counts the units granted; stops at ten budgets' worth,
   * so a context without a budget ends the count instead of looping forever.
   */
  static int unitsGranted(Context cx) {
    int limit = 10 * CoopBudget.PER_POLL;
    int granted = 0;
    while (granted < limit && cx.consumeBudget()) {
      granted++;
    }
    return granted;
  }

  /**
   * Polls once a {@code Futures.loop} whose bodies are always ready, and returns how many bodies it
   * made; the loop ends at ten budgets' worth of iterations, so a context without a budget ends the
   * count instead of looping forever.
   */
  static int readyLoopBodies(Context cx) throws Exception {
    int limit = 10 * CoopBudget.PER_POLL;
    AtomicInteger bodies = new AtomicInteger();
    Future<Integer> loop =
        Futures.loop(
            0,
            n -> {
              bodies.incrementAndGet();
              return Futures.ready(n == limit ? Step.done(n) : Step.next(n + 1));
            });
    loop.poll(cx);
    loop.drop();
    return bodies.get();
  }

  /** A connected pair of streams, the writer's output shut: the reader is always at its end. */
  record Ended(TcpStream reader, TcpStream writer) {}

  /** Connects two streams over loopback and shuts the output of one; in the runtime's network. */
  static Future<Ended> endedStream() {
    return Futures.lazy(
            () -> TcpListener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))
        .flatMap(
            listener ->
                Futures.join(listener.accept(), TcpStream.connect(listener.localAddress()))
                    .flatMap(
                        pair ->
                            Futures.lazy(
                                () -> {
                                  listener.close();
                                  pair.first().shutdownOutput();
                                  return new Ended(pair.second(), pair.first());
                                })));
  }

  /**
   * Completes one future of {@code step} after another inside one poll for as long as they are
   * ready, until stopped; counts its polls and the completions.
   */
  static final class ReadyLoop implements Future<Long> {
    private final Supplier<Future<?>> step;
    private Future<?> current;
    final AtomicBoolean stop = new AtomicBoolean();
    final AtomicInteger polls = new AtomicInteger();
    final AtomicLong completions = new AtomicLong();

    ReadyLoop(Supplier<Future<?>> step) {
      this.step = step;
    }

    @Override
    public Poll<Long> poll(Context cx) throws Exception {
      polls.incrementAndGet();
      while (!stop.get()) {
        if (current == null) {
          current = step.get();
        }
        if (current.poll(cx).isPending()) {
          return Poll.pending();
        }
        current = null;
        completions.incrementAndGet();
      }
      return Poll.ready(completions.get());
    }

    @Override
    public void drop() {
      if (current != null) {
        current.drop();
        current = null;
      }
    }
  }
}
