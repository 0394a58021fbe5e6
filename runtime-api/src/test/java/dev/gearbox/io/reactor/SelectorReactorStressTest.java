package dev.gearbox.io.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.future.Context;
import dev.gearbox.future.Waker;
import dev.gearbox.io.driver.Interest;
import dev.gearbox.io.driver.Registration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Races the cross-thread paths of the reactor against a thread that turns it. A lost wake-up (a
 * change or a wakeup swallowed by the selector, for instance by the selectNow that flushes
 * cancelled keys) shows as a waiter that is never woken, and fails its bounded wait. The first two
 * tests keep everything else quiet, so that no unrelated wake-up can hide a lost one; the third
 * mixes every path under contention.
 */
class SelectorReactorStressTest {
  private static final int ROUNDS = 3_000;
  private static final long WAKE_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(10);

  private SelectorReactor reactor;
  private ServerSocketChannel server;
  private Thread driver;

  @BeforeEach
  void start() throws IOException {
    reactor = SelectorReactor.open();
    server = ServerSocketChannel.open();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  @AfterEach
  void stop() throws Exception {
    reactor.close();
    if (driver != null) {
      driver.join(TimeUnit.NANOSECONDS.toMillis(WAKE_DEADLINE_NANOS));
    }
    server.close();
  }

  /** Starts the thread that turns the reactor, blocking, and runs {@code afterTurn} after each. */
  private void startDriver(Runnable afterTurn) {
    driver =
        Thread.ofPlatform()
            .name("stress-driver")
            .start(
                () -> {
                  try {
                    while (!reactor.isClosed()) {
                      reactor.turn(-1);
                      afterTurn.run();
                    }
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                });
  }

  @Test
  @Timeout(60)
  void interestArmedFromAnotherThreadAlwaysReachesTheSelector() throws Exception {
    try (SocketChannel client = SocketChannel.open(server.getLocalAddress());
        SocketChannel accepted = server.accept()) {
      startDriver(() -> {});
      pingPong(client, accepted, true);
    }
  }

  @Test
  @Timeout(60)
  void aWakeupIsNeverLost() throws Exception {
    AtomicLong requested = new AtomicLong();
    AtomicLong observed = new AtomicLong();
    startDriver(() -> observed.set(requested.get()));
    Junk junk = null;
    for (int round = 1; round <= ROUNDS; round++) {
      junk = churn(junk); // makes the next turn flush a cancelled key with selectNow
      requested.set(round);
      reactor.wakeup();
      long deadline = System.nanoTime() + WAKE_DEADLINE_NANOS;
      while (observed.get() < round) {
        assertThat(deadline - System.nanoTime()).as("wakeup %d seen", round).isPositive();
        Thread.onSpinWait();
      }
    }
  }

  @Test
  @Timeout(60)
  void everyWaiterIsWokenWhileOtherThreadsWakeRegisterAndCloseConcurrently() throws Exception {
    startDriver(() -> {});
    Thread pester = Thread.ofPlatform().name("stress-waker").start(this::pester);
    AtomicLong churned = new AtomicLong();
    Thread churner = Thread.ofPlatform().name("stress-churner").start(() -> closer(churned));
    List<Thread> waiters = new ArrayList<>();
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 2; i++) {
      SocketChannel client = SocketChannel.open(server.getLocalAddress());
      SocketChannel accepted = server.accept();
      waiters.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try (client;
                        accepted) {
                      pingPong(client, accepted, false);
                    } catch (Throwable e) {
                      failures.add(e);
                    }
                  }));
    }
    for (Thread waiter : waiters) {
      waiter.join();
    }
    reactor.close();
    pester.join();
    churner.join();
    driver.join();
    assertThat(failures).isEmpty();
    assertThat(churned.get()).isPositive();
  }

  /** A waker that unparks the thread that made it and counts its wakes. */
  private static final class ThreadWaker implements Waker {
    final Thread owner = Thread.currentThread();
    final AtomicLong wakes = new AtomicLong();

    @Override
    public void wake() {
      wakes.incrementAndGet();
      LockSupport.unpark(owner);
    }
  }

  /**
   * Each round: arm read interest from this thread and wait for the wake; the peer writes just
   * after the arming (even rounds) or once the waiter waits (odd rounds). With {@code churn}, each
   * round also deregisters the previous round's junk registration, so the driver's flush races with
   * the arming.
   */
  private void pingPong(SocketChannel client, SocketChannel peer, boolean churn)
      throws IOException {
    Registration registration = reactor.register(peer);
    ThreadWaker waker = new ThreadWaker();
    Context cx = Context.of(waker);
    ByteBuffer buffer = ByteBuffer.allocate(64);
    Junk junk = null;
    for (int round = 0; round < ROUNDS; round++) {
      if (churn) {
        junk = churn(junk);
      }
      buffer.clear();
      int read = peer.read(buffer);
      while (read == 0) {
        registration.clearReadiness(Interest.READABLE);
        long before = waker.wakes.get(); // before arming: the wake may come at once
        if (registration.pollReadable(cx)) {
          read = peer.read(buffer);
          continue;
        }
        if (round % 2 == 0) {
          client.write(ByteBuffer.wrap(new byte[] {(byte) round}));
        }
        long deadline = System.nanoTime() + WAKE_DEADLINE_NANOS;
        while (waker.wakes.get() == before) {
          long left = deadline - System.nanoTime();
          assertThat(left).as("waiter woken in round " + round).isPositive();
          if (round % 2 == 1) {
            client.write(ByteBuffer.wrap(new byte[] {(byte) round}));
          }
          LockSupport.parkNanos(left);
        }
        read = peer.read(buffer);
      }
      assertThat(read).isPositive();
    }
    registration.close();
    if (junk != null) {
      junk.registration().close();
      junk.pipe().sink().close();
    }
  }

  /** A registered, armed pipe that never becomes readable (its sink stays open and silent). */
  private record Junk(Registration registration, Pipe pipe) {}

  /**
   * Deregisters {@code previous} (whose key the driver registered meanwhile, so the driver must
   * cancel it and flush it with selectNow) and returns a new armed, never-ready registration.
   */
  private Junk churn(Junk previous) throws IOException {
    if (previous != null) {
      previous.registration().deregister();
      previous.pipe().source().close();
      previous.pipe().sink().close();
    }
    Pipe pipe = Pipe.open();
    Registration registration = reactor.register(pipe.source());
    registration.pollReadable(Context.of(Waker.noop()));
    return new Junk(registration, pipe);
  }

  /**
   * Registers, arms and closes pipes until the reactor closes, handing each close to the driver.
   */
  private void closer(AtomicLong churned) {
    Context cx = Context.of(Waker.noop());
    while (!reactor.isClosed()) {
      try {
        Pipe pipe = Pipe.open();
        try (Pipe.SinkChannel sink = pipe.sink();
            Pipe.SourceChannel source = pipe.source()) {
          Registration registration = reactor.register(source);
          registration.pollReadable(cx);
          registration.close();
          assertThat(source.isOpen()).isFalse();
          churned.incrementAndGet();
        }
      } catch (IOException e) {
        assertThat(reactor.isClosed()).as("churn failed: " + e).isTrue();
      }
    }
  }

  private void pester() {
    long spins = 0;
    while (!reactor.isClosed()) {
      if (++spins % 64 == 0) {
        reactor.wakeup();
      }
      Thread.onSpinWait();
    }
  }
}
