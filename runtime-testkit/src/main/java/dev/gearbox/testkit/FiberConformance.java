package dev.gearbox.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gearbox.fiber.Fiber;
import dev.gearbox.fiber.FiberScope;
import dev.gearbox.future.Future;
import dev.gearbox.future.Futures;
import dev.gearbox.future.Poll;
import dev.gearbox.io.TcpListener;
import dev.gearbox.io.TcpStream;
import dev.gearbox.runtime.FiberCancelledException;
import dev.gearbox.runtime.JoinException;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.UnjoinedFailureHandler;
import dev.gearbox.sync.Channel;
import dev.gearbox.testkit.ConformanceFutures.Gate;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Conformance: fibers, virtual threads carried by the runtime under test. Await on channels,
 * timers, sockets and task handles; JDK blocking calls; thread locals across resumes; abort,
 * shutdown, failures and scopes. When the JVM lacks the flag that lets runtimes carry fibers, the
 * same tests run on the JDK's scheduler (and {@link #fibersRunOnTheRuntimesThreads} is skipped).
 */
public interface FiberConformance extends ConformanceFixture {

  /** A fiber's result reaches its handle, joined from outside and awaited from another fiber. */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void fiberReturnsItsResult() {
    Runtime runtime = runtime();
    JoinHandle<Integer> answer = runtime.spawnFiber(() -> 6 * 7);
    JoinHandle<Integer> doubled = runtime.spawnFiber(() -> 2 * Fiber.await(answer));
    assertThat(answer.join()).isEqualTo(42);
    assertThat(doubled.join()).isEqualTo(84);
    assertThat(runtime.blockOn(runtime.spawnFiber(() -> "via blockOn"))).isEqualTo("via blockOn");
  }

  /**
   * When the runtime carries fibers, a fiber's code runs on the runtime's own threads (a virtual
   * thread mounted on a worker names that worker in its {@code toString}).
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void fibersRunOnTheRuntimesThreads() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Fiber.carrier() == Fiber.Carrier.RUNTIME, "the JVM lets the runtime carry fibers");
    Runtime runtime = runtime();
    String prefix = threadNamePrefix(runtime);
    JoinHandle<String> where =
        runtime.spawnFiber(
            () -> {
              assertThat(Thread.currentThread().isVirtual()).isTrue();
              assertThat(Fiber.isFiber()).isTrue();
              assertThat(Runtime.current()).isSameAs(runtime);
              return Thread.currentThread().toString();
            });
    String description = where.join();
    assertThat(description.substring(description.indexOf('@') + 1))
        .as("carrier of %s", description)
        .satisfiesAnyOf(
            carrier -> assertThat(carrier).startsWith(prefix),
            carrier -> assertThat(carrier).isEqualTo(Thread.currentThread().getName()));
  }

  /** Many fibers at once, each yielding, all complete. */
  @Test
  @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
  default void hundredThousandFibers() {
    Runtime runtime = runtime();
    int count = 100_000;
    AtomicInteger done = new AtomicInteger();
    List<JoinHandle<Integer>> handles = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int index = i;
      handles.add(
          runtime.spawnFiber(
              () -> {
                Fiber.yieldNow();
                done.incrementAndGet();
                return index;
              }));
    }
    long sum = 0;
    for (JoinHandle<Integer> handle : handles) {
      sum += handle.join();
    }
    assertThat(done.get()).isEqualTo(count);
    assertThat(sum).isEqualTo((long) count * (count - 1) / 2);
  }

  /** Two fibers play ping-pong over the runtime's own bounded channels. */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void fibersAwaitChannels() {
    Runtime runtime = runtime();
    Channel.Pair<Integer> ping = Channel.bounded(1);
    Channel.Pair<Integer> pong = Channel.bounded(1);
    int rounds = 1_000;
    JoinHandle<Void> answerer =
        runtime.spawnFiber(
            () -> {
              for (int i = 0; i < rounds; i++) {
                int value = Fiber.await(ping.receiver().receive());
                Fiber.await(pong.sender().send(value + 1));
              }
              return null;
            });
    JoinHandle<Long> asker =
        runtime.spawnFiber(
            () -> {
              long total = 0;
              for (int i = 0; i < rounds; i++) {
                Fiber.await(ping.sender().send(i));
                total += Fiber.await(pong.receiver().receive());
              }
              return total;
            });
    assertThat(asker.join()).isEqualTo((long) rounds * (rounds + 1) / 2);
    answerer.join();
  }

  /**
   * {@code Fiber.sleep} uses the runtime's clock: an hour and a minute on a paused clock pass at
   * once in real time, each at least as long as asked on the clock.
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void fiberSleepsOnThePausedClock() {
    Runtime runtime = pausedRuntime();
    List<JoinHandle<Long>> sleepers = new ArrayList<>();
    for (Duration duration : List.of(Duration.ofHours(1), Duration.ofMinutes(1))) {
      sleepers.add(
          runtime.spawnFiber(
              () -> {
                long start = runtime.clock().nanoTime();
                Fiber.sleep(duration);
                return runtime.clock().nanoTime() - start;
              }));
    }
    assertThat(sleepers.get(0).join()).isGreaterThanOrEqualTo(Duration.ofHours(1).toNanos());
    assertThat(sleepers.get(1).join()).isGreaterThanOrEqualTo(Duration.ofMinutes(1).toNanos());
  }

  /**
   * Fibers await the runtime's sockets: an echo over loopback.
   *
   * @throws Exception if the listener cannot bind
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void fibersAwaitSockets() throws Exception {
    Runtime runtime = runtime();
    Channel.Pair<InetSocketAddress> bound = Channel.bounded(1);
    JoinHandle<Void> server =
        runtime.spawnFiber(
            () -> {
              // bound inside the runtime: a simulated runtime's sockets live in its own network
              try (TcpListener listener =
                  TcpListener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                Fiber.await(bound.sender().send(listener.localAddress()));
                try (TcpStream peer = Fiber.await(listener.accept())) {
                  ByteBuffer buffer = ByteBuffer.allocate(64);
                  while (Fiber.await(peer.read(buffer.clear())) > 0) {
                    Fiber.await(peer.writeAll(buffer.flip()));
                  }
                }
              }
              return null;
            });
    JoinHandle<String> client =
        runtime.spawnFiber(
            () -> {
              InetSocketAddress address = Fiber.await(bound.receiver().receive());
              try (TcpStream stream = Fiber.await(TcpStream.connect(address))) {
                StringBuilder echoed = new StringBuilder();
                for (int i = 0; i < 100; i++) {
                  byte[] message = ("line " + i + "\n").getBytes();
                  Fiber.await(stream.writeAll(ByteBuffer.wrap(message)));
                  ByteBuffer reply = ByteBuffer.allocate(message.length);
                  Fiber.await(stream.readExact(reply));
                  echoed.append(new String(reply.array()));
                }
                return echoed.toString();
              }
            });
    String echoed = client.join();
    assertThat(echoed).startsWith("line 0\nline 1\n").endsWith("line 99\n");
    server.join();
  }

  /**
   * Many fibers close their sockets at once, both sides of 64 connections at a time, while the test
   * thread closes the listener, for several rounds (the shape of the shoot-out's fiber_tcp_echo): a
   * fiber's close must never hold up the thread that drives the runtime's reactor, which may be its
   * own carrier (a fiber once took the reactor's lock to apply its close, was unmounted inside, and
   * its carrier then waited for that lock for ever).
   *
   * @throws Exception if a listener cannot bind
   */
  @Test
  @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
  default void fibersCloseManySocketsAtOnce() throws Exception {
    Runtime runtime = runtime();
    int connections = 64;
    int messages = 100;
    for (int round = 0; round < 10; round++) {
      Channel.Pair<TcpListener> bound = Channel.bounded(1);
      JoinHandle<Void> server =
          runtime.spawnFiber(
              () -> {
                // bound inside the runtime: a simulated runtime's sockets live in its own network
                TcpListener listener =
                    TcpListener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                Fiber.await(bound.sender().send(listener));
                while (true) {
                  TcpStream peer = Fiber.await(listener.accept());
                  runtime.spawnFiber(
                      () -> {
                        try (peer) {
                          ByteBuffer buffer = ByteBuffer.allocate(64);
                          while (Fiber.await(peer.read(buffer.clear())) > 0) {
                            Fiber.await(peer.writeAll(buffer.flip()));
                          }
                        }
                        return null;
                      });
                }
              });
      TcpListener listener = runtime.blockOn(bound.receiver().receive());
      try {
        List<JoinHandle<Integer>> clients = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
          clients.add(
              runtime.spawnFiber(
                  () -> {
                    try (TcpStream stream =
                        Fiber.await(TcpStream.connect(listener.localAddress()))) {
                      ByteBuffer reply = ByteBuffer.allocate(8);
                      for (int m = 0; m < messages; m++) {
                        Fiber.await(stream.writeAll(ByteBuffer.wrap("message\n".getBytes())));
                        Fiber.await(stream.readExact(reply.clear()));
                      }
                      return messages;
                    }
                  }));
        }
        int sent = 0;
        for (JoinHandle<Integer> client : clients) {
          sent += client.join(Duration.ofSeconds(30));
        }
        assertThat(sent).as("round %d", round).isEqualTo(connections * messages);
      } finally {
        server.abort();
        listener.close();
      }
    }
  }

  /** The JDK's blocking calls park a fiber, not its worker: a queue hand-off, a lock, a sleep. */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void jdkBlockingCallsParkTheFiber() {
    Runtime runtime = runtime();
    BlockingQueue<Integer> queue = new ArrayBlockingQueue<>(1);
    ReentrantLock lock = new ReentrantLock();
    AtomicLong guarded = new AtomicLong();
    int items = 200;
    JoinHandle<Long> consumer =
        runtime.spawnFiber(
            () -> {
              long total = 0;
              for (int i = 0; i < items; i++) {
                total += queue.take();
              }
              return total;
            });
    List<JoinHandle<Void>> producers = new ArrayList<>();
    for (int p = 0; p < 4; p++) {
      producers.add(
          runtime.spawnFiber(
              () -> {
                for (int i = 0; i < items / 4; i++) {
                  queue.put(1);
                  lock.lock();
                  try {
                    long before = guarded.get();
                    Thread.sleep(0, 1_000);
                    guarded.set(before + 1);
                  } finally {
                    lock.unlock();
                  }
                }
                return null;
              }));
    }
    assertThat(consumer.join()).isEqualTo(items);
    producers.forEach(JoinHandle::join);
    assertThat(guarded.get()).isEqualTo(items);
  }

  /** A thread local set in a fiber reads the same after every resume, on whichever worker. */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void threadLocalsSurviveResumes() {
    Runtime runtime = runtime();
    ThreadLocal<String> local = new ThreadLocal<>();
    List<JoinHandle<Integer>> fibers = new ArrayList<>();
    for (int f = 0; f < 8; f++) {
      String mine = "fiber-" + f;
      fibers.add(
          runtime.spawnFiber(
              () -> {
                local.set(mine);
                Thread self = Thread.currentThread();
                int checks = 0;
                for (int i = 0; i < 500; i++) {
                  if (i % 2 == 0) {
                    Fiber.yieldNow();
                  } else {
                    Fiber.await(yieldOnce());
                  }
                  assertThat(local.get()).isEqualTo(mine);
                  assertThat(Thread.currentThread()).isSameAs(self);
                  checks++;
                }
                return checks;
              }));
    }
    for (JoinHandle<Integer> fiber : fibers) {
      assertThat(fiber.join()).isEqualTo(500);
    }
  }

  /**
   * Abort at an await: the awaited future is dropped once, the fiber sees a cancellation, its
   * finally block runs, and the handle completes as cancelled.
   *
   * @throws Exception if the test is interrupted
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void abortAtAnAwaitDropsTheFutureAndCancels() throws Exception {
    Runtime runtime = runtime();
    Gate gate = new Gate();
    CountDownLatch unwound = new CountDownLatch(1);
    AtomicInteger sawCancellation = new AtomicInteger();
    JoinHandle<String> fiber =
        runtime.spawnFiber(
            () -> {
              try {
                return Fiber.await(gate);
              } catch (FiberCancelledException cancelled) {
                sawCancellation.incrementAndGet();
                throw cancelled;
              } finally {
                unwound.countDown();
              }
            });
    Await.until(WAIT, () -> gate.polls.get() > 0, "the fiber polled the gate");
    fiber.abort();
    JoinException cancelled = catchThrowableOfType(JoinException.class, () -> fiber.join(WAIT));
    assertThat(cancelled).isNotNull();
    assertThat(cancelled.isCancelled()).isTrue();
    assertThat(unwound.getCount()).isZero();
    assertThat(sawCancellation.get()).isEqualTo(1);
    // carried, the fiber drops it before it throws; on the JDK's scheduler the gate runs as a task
    // of its own, whose abort may finish its poll first
    Await.until(WAIT, () -> gate.drops.get() == 1, "the gate dropped");
    assertThat(gate.drops.get()).isEqualTo(1);
  }

  /** Abort interrupts a JDK blocking call in the fiber. */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void abortInterruptsABlockingCall() {
    Runtime runtime = runtime();
    CountDownLatch blocked = new CountDownLatch(1);
    AtomicInteger interrupted = new AtomicInteger();
    JoinHandle<Void> fiber =
        runtime.spawnFiber(
            () -> {
              blocked.countDown();
              try {
                new ArrayBlockingQueue<String>(1).take();
              } catch (InterruptedException e) {
                interrupted.incrementAndGet();
              }
              return null;
            });
    Await.until(WAIT, () -> blocked.getCount() == 0, "the fiber started");
    fiber.abort();
    JoinException cancelled = catchThrowableOfType(JoinException.class, () -> fiber.join(WAIT));
    assertThat(cancelled).isNotNull();
    assertThat(cancelled.isCancelled()).isTrue();
    assertThat(interrupted.get()).isEqualTo(1);
  }

  /**
   * Shutdown with fibers parked in awaits completes their handles as cancelled, and the fibers
   * unwind (their finally blocks run) although the runtime is gone.
   *
   * @throws Exception if the test is interrupted
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void shutdownCancelsParkedFibers() throws Exception {
    Runtime runtime = createRuntime();
    int count = 20;
    CountDownLatch unwound = new CountDownLatch(count);
    AtomicInteger parked = new AtomicInteger();
    List<JoinHandle<String>> fibers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Gate gate = new Gate();
      fibers.add(
          runtime.spawnFiber(
              () -> {
                try {
                  parked.incrementAndGet();
                  return Fiber.await(gate);
                } finally {
                  unwound.countDown();
                }
              }));
    }
    Await.until(WAIT, () -> parked.get() == count, "every fiber is parked in its await");
    assertThat(runtime.shutdown(WAIT)).as("terminated").isTrue();
    for (JoinHandle<String> fiber : fibers) {
      JoinException cancelled = catchThrowableOfType(JoinException.class, () -> fiber.join(WAIT));
      assertThat(cancelled).isNotNull();
      assertThat(cancelled.isCancelled()).isTrue();
    }
    assertThat(unwound.await(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS))
        .as("every fiber unwound")
        .isTrue();
  }

  /** What escapes a fiber's body fails its handle; an awaited failure comes back as a throw. */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void failuresFailTheHandle() {
    Runtime runtime = runtime();
    IllegalStateException boom = new IllegalStateException("boom");
    JoinHandle<Void> failing =
        runtime.spawnFiber(
            () -> {
              throw boom;
            });
    JoinException failed = catchThrowableOfType(JoinException.class, failing::join);
    assertThat(failed).isNotNull();
    assertThat(failed.isCancelled()).isFalse();
    assertThat(failed.getCause()).isSameAs(boom);

    Future<String> throwing =
        cx -> {
          throw new IllegalArgumentException("from poll");
        };
    JoinHandle<String> caught =
        runtime.spawnFiber(
            () -> {
              try {
                return Fiber.await(throwing);
              } catch (IllegalArgumentException e) {
                return "caught " + e.getMessage();
              }
            });
    assertThat(caught.join()).isEqualTo("caught from poll");
  }

  /** await, sleep and yieldNow refuse to run outside a fiber, with an error that says why. */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void awaitOutsideAFiberIsRefused() {
    IllegalStateException plain =
        catchThrowableOfType(IllegalStateException.class, () -> Fiber.await(Futures.ready("x")));
    assertThat(plain).hasMessageContaining("only inside a fiber").hasMessageContaining("blockOn");
    JoinHandle<String> inTask =
        runtime()
            .spawn(
                cx -> {
                  try {
                    Fiber.sleep(Duration.ofMillis(1));
                    return Poll.ready("not refused");
                  } catch (IllegalStateException refused) {
                    return Poll.ready(refused.getMessage());
                  }
                });
    assertThat(inTask.join()).contains("inside a poll").contains("only inside a fiber");
  }

  /** A scope's first failure cancels the other forks; close waits until they unwound. */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void scopeCancelsTheRestOnFirstFailure() {
    Runtime runtime = runtime();
    CountDownLatch started = new CountDownLatch(2);
    CountDownLatch unwound = new CountDownLatch(2);
    IllegalStateException boom = new IllegalStateException("first failure");
    JoinHandle<String> owner =
        runtime.spawnFiber(
            () -> {
              try (FiberScope scope = FiberScope.open()) {
                for (int i = 0; i < 2; i++) {
                  scope.fork(
                      () -> {
                        try {
                          started.countDown();
                          return Fiber.await(new Gate());
                        } finally {
                          unwound.countDown();
                        }
                      });
                }
                scope.fork(
                    () -> {
                      started.await(); // a fork cancelled before it starts never runs its body
                      throw boom;
                    });
                scope.join();
                return "joined without the failure";
              } catch (IllegalStateException failure) {
                assertThat(unwound.getCount()).as("forks unwound before close returned").isZero();
                return failure.getMessage();
              }
            });
    assertThat(owner.join()).isEqualTo("first failure");
  }

  /** Closing a scope early cancels its running forks and waits until they unwound. */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void scopeCloseCancelsAndWaits() {
    Runtime runtime = runtime();
    AtomicInteger started = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    List<JoinHandle<String>> forks = new ArrayList<>();
    try (FiberScope scope = FiberScope.open(runtime)) {
      for (int i = 0; i < 3; i++) {
        forks.add(
            scope.fork(
                () -> {
                  try {
                    started.incrementAndGet();
                    Fiber.await(new Gate());
                    return "slept";
                  } finally {
                    finished.incrementAndGet();
                  }
                }));
      }
      // a fork cancelled before it starts never runs its body: let them start
      Await.until(WAIT, () -> started.get() == 3, "every fork started");
    }
    assertThat(finished.get()).isEqualTo(3);
    for (JoinHandle<String> fork : forks) {
      assertThat(fork.isFinished()).isTrue();
      JoinException cancelled = catchThrowableOfType(JoinException.class, fork::join);
      assertThat(cancelled.isCancelled()).isTrue();
    }
  }

  /**
   * {@code blockOn} inside a fiber runs the future as a task and parks only the fiber; its failure
   * comes back as it is.
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void blockOnInsideAFiberParksTheFiber() {
    Runtime runtime = runtime();
    JoinHandle<String> fiber =
        runtime.spawnFiber(
            () -> {
              String value = runtime.blockOn(Futures.ready("blocked on"));
              try {
                runtime.blockOn(
                    cx -> {
                      throw new IllegalArgumentException("thrown by the future");
                    });
                return "no failure";
              } catch (IllegalArgumentException expected) {
                return value + ", " + expected.getMessage();
              }
            });
    assertThat(fiber.join()).isEqualTo("blocked on, thrown by the future");
  }

  /** Cancelling a fiber that awaits another fiber's handle leaves the other fiber running. */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void cancellingAnAwaiterLeavesTheAwaitedFiber() {
    Runtime runtime = runtime();
    Gate gate = new Gate();
    JoinHandle<String> awaited = runtime.spawnFiber(() -> Fiber.await(gate));
    JoinHandle<String> awaiter = runtime.spawnFiber(() -> Fiber.await(awaited));
    Await.until(WAIT, () -> gate.polls.get() > 0, "the awaited fiber polled its gate");
    awaiter.abort();
    JoinException cancelled = catchThrowableOfType(JoinException.class, () -> awaiter.join(WAIT));
    assertThat(cancelled.isCancelled()).isTrue();
    assertThat(awaited.isFinished()).isFalse();
    gate.release();
    assertThat(awaited.join()).isEqualTo("open");
  }

  /**
   * A fiber's failure that nobody joined is reported as a task's is (counted, logged once, naming
   * the fiber); a fiber whose outcome was asked for before it failed is not reported.
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void unjoinedFiberFailuresAreReported() {
    Runtime runtime = runtime();
    IllegalStateException unjoined = new IllegalStateException("unjoined fiber boom");
    IllegalStateException joined = new IllegalStateException("joined fiber boom");
    try (FailureFutures.LogCapture log =
        new FailureFutures.LogCapture(UnjoinedFailureHandler.LOGGER_NAME)) {
      CountDownLatch go = new CountDownLatch(1);
      JoinHandle<Void> awaited =
          runtime.spawnFiber(
              () -> {
                go.await();
                throw joined;
              });
      java.util.concurrent.CompletableFuture<Void> bridge = awaited.toCompletableFuture();
      go.countDown();
      assertThat(catchThrowableOfType(JoinException.class, awaited::join).getCause())
          .isSameAs(joined);
      // the bridge is a dependent of the outcome: the completing thread may wake this joiner
      // before it completes the bridge, so the bridge gets a deadline rather than an instant
      assertThat(bridge).failsWithin(WAIT);

      JoinHandle<Void> failing =
          runtime.spawnFiber(
              () -> {
                throw unjoined;
              });
      Await.until(WAIT, () -> !log.about(unjoined).isEmpty(), "the unjoined failure logged");
      Await.until(WAIT, () -> runtime.metrics().aliveTasks() == 0, "every fiber ended");
      assertThat(log.about(unjoined)).hasSize(1);
      assertThat(log.about(unjoined).getFirst().getMessage())
          .contains(String.valueOf(failing.id()));
      assertThat(log.about(joined)).isEmpty();
      assertThat(runtime.metrics().all().get("tasks.unjoined.failures")).isEqualTo(1L);
    }
  }

  /**
   * {@code close()} called inside a fiber of the runtime returns (it cannot wait for the thread it
   * runs on) and the runtime then terminates.
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void closeInsideAFiberReturns() {
    Runtime runtime = createRuntime();
    JoinHandle<String> fiber =
        runtime.spawnFiber(
            () -> {
              Runtime.current().close();
              return "closed";
            });
    Await.until(WAIT, runtime::isShutdown, "the fiber shut the runtime down");
    assertThat(runtime.shutdown(WAIT)).as("terminated").isTrue();
    // the fiber returned, or was cancelled by the shutdown it started: either way it ended
    Await.until(WAIT, fiber::isFinished, "the fiber ended");
  }

  /** A future that is pending on its first poll (after waking itself) and ready on the next. */
  private static Future<Void> yieldOnce() {
    boolean[] polled = {false};
    return cx -> {
      if (polled[0]) {
        return Poll.ready(null);
      }
      polled[0] = true;
      cx.waker().wake();
      return Poll.pending();
    };
  }
}
