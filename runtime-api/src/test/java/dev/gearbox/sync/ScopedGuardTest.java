package dev.gearbox.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Futures;
import dev.gearbox.future.ManualFuture;
import dev.gearbox.future.Waker;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** withPermits, withLock, withRead, withWrite: released exactly once however the future ends. */
class ScopedGuardTest {
  private final Context cx = Context.of(Waker.noop());
  private final Semaphore semaphore = new Semaphore(4);

  @Test
  void readyReleasesOnce() throws Exception {
    ManualFuture<String> body = new ManualFuture<>("body");
    Future<String> scoped = semaphore.withPermits(3, () -> body);
    assertThat(scoped.poll(cx).isPending()).isTrue();
    assertThat(semaphore.availablePermits()).isEqualTo(1);
    body.complete("done");
    assertThat(scoped.poll(cx).value()).isEqualTo("done");
    assertThat(semaphore.availablePermits()).isEqualTo(4);
    assertThat(body.drops()).isZero();
  }

  @Test
  void aThrowingBodyIsDroppedThenReleasedOnce() throws Exception {
    ManualFuture<String> body = new ManualFuture<>("body");
    Future<String> scoped = semaphore.withPermits(2, () -> body);
    scoped.poll(cx);
    IOException boom = new IOException("boom");
    body.fail(boom);
    assertThatThrownBy(() -> scoped.poll(cx)).isSameAs(boom);
    assertThat(body.drops()).isEqualTo(1);
    assertThat(semaphore.availablePermits()).isEqualTo(4);
    scoped.drop(); // the task's drop after the throw
    assertThat(semaphore.availablePermits()).as("not released twice").isEqualTo(4);
    assertThat(body.drops()).isEqualTo(1);
  }

  @Test
  void aThrowingBodyFunctionReleasesOnce() {
    Future<String> scoped =
        semaphore.withPermit(
            () -> {
              throw new IllegalStateException("no body");
            });
    assertThatThrownBy(() -> scoped.poll(cx)).hasMessage("no body");
    scoped.drop();
    assertThat(semaphore.availablePermits()).isEqualTo(4);
  }

  @Test
  void aDropWhileHoldingDropsTheBodyThenReleasesOnce() throws Exception {
    ManualFuture<String> body = new ManualFuture<>("body");
    Future<String> scoped = semaphore.withPermits(4, () -> body);
    scoped.poll(cx);
    assertThat(semaphore.availablePermits()).isZero();
    scoped.drop();
    assertThat(body.drops()).isEqualTo(1);
    assertThat(semaphore.availablePermits()).isEqualTo(4);
  }

  @Test
  void aDropWhileWaitingLeavesTheQueueAndNeverRunsTheBody() throws Exception {
    SemaphorePermit held = semaphore.tryAcquire(3);
    boolean[] started = {false};
    Future<String> scoped =
        semaphore.withPermits(
            2,
            () -> {
              started[0] = true;
              return Futures.ready("never");
            });
    assertThat(scoped.poll(cx).isPending()).isTrue();
    scoped.drop();
    held.close();
    assertThat(started[0]).isFalse();
    assertThat(semaphore.availablePermits()).isEqualTo(4);
  }

  @Test
  void aBodyThatClosesTheGuardItselfIsHarmless() throws Exception {
    Mutex<Integer> mutex = new Mutex<>(1);
    Future<Integer> scoped =
        mutex.withLock(
            guard -> {
              int value = guard.get();
              guard.close();
              return Futures.ready(value);
            });
    assertThat(scoped.poll(cx).value()).isEqualTo(1);
    assertThat(mutex.isLocked()).isFalse();
    assertThat(mutex.tryLock()).isNotNull();
  }

  @Test
  void readAndWriteLocksAreReleasedOnDrop() throws Exception {
    RwLock<String> lock = new RwLock<>("v");
    Future<Object> reading = lock.withRead(guard -> Futures.pending());
    reading.poll(cx);
    Future<Object> writing = lock.withWrite(guard -> Futures.pending());
    assertThat(writing.poll(cx).isPending()).isTrue();
    reading.drop(); // hands the lock to the waiting writer
    assertThat(writing.poll(cx).isPending()).isTrue(); // now holding, body pending
    assertThat(lock.tryRead()).isNull();
    writing.drop();
    RwLock.WriteGuard<String> free = lock.tryWrite();
    assertThat(free).isNotNull();
    free.close();
  }
}
