package dev.gearbox.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.Context;
import dev.gearbox.future.Driver;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Waker;
import dev.gearbox.io.driver.Interest;
import dev.gearbox.io.driver.Registration;
import dev.gearbox.io.reactor.IoDriver;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The reactor driven by hand from its own thread, while the test thread registers, arms interest,
 * wakes and closes it: the cross-thread paths a runtime relies on.
 */
@Timeout(30)
class SelectorReactorTest {
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private IoDriver reactor;
  private ServerSocketChannel server;
  private SocketChannel client;
  private SocketChannel accepted;
  private Thread driver;
  private volatile boolean stopDriving;

  @BeforeEach
  void connectAPair() throws IOException {
    reactor = IoDriver.open();
    server = ServerSocketChannel.open();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    client = SocketChannel.open(server.getLocalAddress());
    accepted = server.accept();
  }

  @AfterEach
  void closeAll() throws Exception {
    stopDriving = true;
    reactor.close();
    if (driver != null) {
      driver.join(DEADLINE.toMillis());
      assertThat(driver.isAlive()).as("driver thread still running").isFalse();
    }
    client.close();
    accepted.close();
    server.close();
  }

  /** Starts a thread that turns the reactor, blocking, until the test ends. */
  private void startDriving() {
    driver =
        Thread.ofPlatform()
            .name("reactor-driver")
            .start(
                () -> {
                  try {
                    while (!stopDriving && !reactor.isClosed()) {
                      reactor.turn(-1);
                    }
                  } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                });
  }

  /** Waits until {@code thread} is blocked inside the selector's epoll wait. */
  private static void awaitBlockedInSelect(Thread thread) {
    awaitTrue(
        "thread blocked in select",
        () ->
            Arrays.stream(thread.getStackTrace())
                .anyMatch(frame -> frame.getClassName().contains("EPoll")));
  }

  private static void awaitTrue(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as("timed out waiting for " + what).isNegative();
      Thread.onSpinWait();
      Thread.yield();
    }
  }

  /** A context with {@code waker} and this test's reactor. */
  private Context context(Waker waker) {
    return new Context() {
      @Override
      public Waker waker() {
        return waker;
      }

      @Override
      public Driver driver() {
        return reactor;
      }
    };
  }

  /** A context whose waker completes {@code woken}. */
  private Context contextCompleting(CompletableFuture<Void> woken) {
    return context(() -> woken.complete(null));
  }

  @Test
  void wakeupReturnsATurnBlockedInAnotherThread() throws Exception {
    CompletableFuture<Integer> turned = new CompletableFuture<>();
    Thread blocked =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    turned.complete(reactor.turn(-1));
                  } catch (Throwable e) {
                    turned.completeExceptionally(e);
                  }
                });
    awaitBlockedInSelect(blocked);

    reactor.wakeup();

    assertThat(turned.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isZero();
    blocked.join();
  }

  @Test
  void withNoChannelRegisteredTheSubMillisecondRestOfAWaitIsParked() throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger turns = new AtomicInteger();
    // 1 ms selected, then 0.999999 ms parked
    Turner turner = startTurning(1_999_999, () -> !stop.get(), turns);
    awaitTrue(
        "the turner parked with the reactor as its blocker",
        () -> LockSupport.getBlocker(turner.thread()) == reactor);
    int before = turns.get();
    awaitTrue("turns go on", () -> turns.get() > before + 2);
    stop.set(true);
    reactor.wakeup();
    turner.done().get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Test
  void withAChannelRegisteredAWaitIsSelectedWholeAndNeverParked() throws Exception {
    accepted.configureBlocking(false);
    reactor.register(accepted);
    AtomicInteger turns = new AtomicInteger();
    Turner turner = startTurning(1_500_000, () -> turns.get() < 20, turns);
    boolean parkedSeen = false;
    while (!turner.done().isDone()) {
      parkedSeen |= LockSupport.getBlocker(turner.thread()) == reactor;
      Thread.onSpinWait();
    }
    turner.done().get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(parkedSeen).as("parked instead of selecting").isFalse();
  }

  /** A thread turning the reactor with one timeout while {@code goOn}, counting its turns. */
  private record Turner(Thread thread, CompletableFuture<Void> done) {}

  private Turner startTurning(long timeoutNanos, BooleanSupplier goOn, AtomicInteger turns) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread thread =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    while (goOn.getAsBoolean()) {
                      reactor.turn(timeoutNanos);
                      turns.incrementAndGet();
                    }
                    done.complete(null);
                  } catch (Throwable e) {
                    done.completeExceptionally(e);
                  }
                });
    return new Turner(thread, done);
  }

  @Test
  void aWakeupBeforeTheTurnIsNotLost() throws Exception {
    reactor.wakeup();

    assertThat(reactor.turn(-1)).isZero();
  }

  @Test
  void registrationAndInterestFromAnotherThreadReachABlockedSelect() throws Exception {
    startDriving();
    awaitBlockedInSelect(driver);
    Registration registration = reactor.register(accepted);
    CompletableFuture<Void> woken = new CompletableFuture<>();

    assertThat(registration.pollReadable(contextCompleting(woken))).isFalse();
    awaitBlockedInSelect(driver);
    client.write(ByteBuffer.wrap(new byte[] {42}));

    woken.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(registration.pollReadable(contextCompleting(new CompletableFuture<>()))).isTrue();
    ByteBuffer buffer = ByteBuffer.allocate(8);
    assertThat(accepted.read(buffer)).isEqualTo(1);
    assertThat(accepted.read(buffer)).isZero();
    registration.clearReadiness(Interest.READABLE);
    assertThat(registration.pollReadable(contextCompleting(new CompletableFuture<>()))).isFalse();
  }

  @Test
  void writeInterestIsArmedOnlyWhenAsked() throws Exception {
    startDriving();
    Registration registration = reactor.register(accepted);
    CompletableFuture<Void> woken = new CompletableFuture<>();

    assertThat(registration.pollWritable(contextCompleting(woken))).isFalse();

    woken.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(registration.pollWritable(contextCompleting(new CompletableFuture<>()))).isTrue();
  }

  @Test
  void deregisteringWakesTheWaiterAndItsNextPollFails() throws Exception {
    startDriving();
    Registration registration = reactor.register(accepted);
    CompletableFuture<Void> woken = new CompletableFuture<>();
    assertThat(registration.pollReadable(contextCompleting(woken))).isFalse();

    registration.deregister();

    woken.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    assertThatThrownBy(() -> registration.pollReadable(contextCompleting(woken)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("deregistered");
    awaitTrue("key cancelled", () -> reactor.registrations() == 0);
    awaitTrue("key flushed", () -> !accepted.isRegistered());
    assertThat(accepted.isOpen()).isTrue();

    Registration again = reactor.register(accepted);
    awaitTrue("registered again", accepted::isRegistered);
    assertThatThrownBy(() -> reactor.register(accepted))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("registered with this reactor already");
    again.deregister();
  }

  @Test
  void closingFromAnotherThreadWhileTurnBlocksReleasesThePortBeforeReturning() throws Exception {
    ServerSocketChannel listening = ServerSocketChannel.open();
    listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    InetSocketAddress address = (InetSocketAddress) listening.getLocalAddress();
    startDriving();
    Registration registration = reactor.register(listening);
    CompletableFuture<Void> woken = new CompletableFuture<>();
    assertThat(registration.pollReadable(contextCompleting(woken))).isFalse();
    awaitTrue("listener registered with the selector", listening::isRegistered);
    awaitBlockedInSelect(driver);

    registration.close();

    assertThat(listening.isOpen()).isFalse();
    assertThat(listening.isRegistered()).isFalse();
    assertThatThrownBy(() -> SocketChannel.open(address).close())
        .isInstanceOf(ConnectException.class);
    woken.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Test
  void closingTheReactorWakesEveryWaiterWithReactorClosed() throws Exception {
    startDriving();
    Registration reading = reactor.register(accepted);
    Registration writing = reactor.register(client);
    CompletableFuture<Void> readerWoken = new CompletableFuture<>();
    AtomicInteger writerWakes = new AtomicInteger();
    assertThat(reading.pollReadable(contextCompleting(readerWoken))).isFalse();
    writing.pollWritable(Context.of(writerWakes::incrementAndGet));

    reactor.close();

    readerWoken.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    assertThatThrownBy(() -> reading.pollReadable(contextCompleting(readerWoken)))
        .isInstanceOf(IOException.class)
        .hasMessage("reactor closed");
    assertThatThrownBy(() -> reactor.register(server))
        .isInstanceOf(IOException.class)
        .hasMessage("reactor closed");
    assertThat(reactor.turn(-1)).isZero();
    awaitTrue("writer woken", () -> writerWakes.get() > 0);
    awaitTrue("writer woken", () -> writerWakes.get() > 0);
  }

  @Test
  void droppingAPendingReadReleasesItsWaker() throws Exception {
    TcpStream stream = TcpStream.accepted(accepted);
    AtomicInteger wakes = new AtomicInteger();
    Context cx = context(wakes::incrementAndGet);
    ByteBuffer buffer = ByteBuffer.allocate(8);
    Future<Integer> read = stream.read(buffer);
    assertThat(read.poll(cx).isPending()).isTrue();

    read.drop();
    client.write(ByteBuffer.wrap(new byte[] {7}));
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    int ready = 0;
    while (ready == 0) {
      assertThat(System.nanoTime() - deadline).as("event within the deadline").isNegative();
      ready = reactor.turn(TimeUnit.MILLISECONDS.toNanos(100));
    }

    assertThat(wakes).hasValue(0);
    assertThat(stream.read(buffer).poll(cx)).isEqualTo(Poll.ready(1));
    stream.close();
  }

  @Test
  void onlyOneThreadTurnsAtATime() throws Exception {
    startDriving();
    awaitBlockedInSelect(driver);

    assertThatThrownBy(() -> reactor.turn(0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("one thread at a time");
  }

  @Test
  void aContextWithoutReactorSaysSo() {
    assertThatThrownBy(
            () ->
                TcpStream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), 1))
                    .poll(Context.of(Waker.noop())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "no I/O reactor in this context: poll I/O futures on a Gearbox runtime, or build a"
                + " Context that supplies one");
  }

  @Test
  void nullArgumentsAreNamed() throws Exception {
    TcpStream stream = TcpStream.accepted(accepted);
    Registration registration = reactor.register(server);
    try (UdpSocket udp = UdpSocket.bind(0)) {
      assertThatThrownBy(() -> reactor.register(null)).hasMessage("channel");
      assertThatThrownBy(() -> registration.pollReadable(null)).hasMessage("cx");
      assertThatThrownBy(() -> registration.clearReadiness(null)).hasMessage("interest");
      assertThatThrownBy(() -> TcpListener.bind(null)).hasMessage("address");
      assertThatThrownBy(() -> TcpStream.connect(null)).hasMessage("address");
      assertThatThrownBy(() -> stream.read(null)).hasMessage("dst");
      assertThatThrownBy(() -> stream.write(null)).hasMessage("src");
      assertThatThrownBy(() -> stream.readExact(null)).hasMessage("dst");
      assertThatThrownBy(() -> stream.writeAll(null)).hasMessage("src");
      assertThatThrownBy(() -> UdpSocket.bind(null)).hasMessage("address");
      assertThatThrownBy(() -> udp.send(null, udp.localAddress())).hasMessage("src");
      assertThatThrownBy(() -> udp.send(ByteBuffer.allocate(1), null)).hasMessage("target");
      assertThatThrownBy(() -> udp.receive(null)).hasMessage("dst");
      assertThatThrownBy(() -> udp.connect(null)).hasMessage("peer");
    } finally {
      stream.close();
      registration.deregister();
    }
  }
}
