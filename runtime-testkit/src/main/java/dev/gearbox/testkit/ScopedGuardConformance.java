package dev.gearbox.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.future.Futures;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.sync.Mutex;
import dev.gearbox.sync.RwLock;
import dev.gearbox.sync.Semaphore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Conformance: permits and lock guards held across awaits with {@code withPermit}, {@code
 * withLock}, {@code withRead} and {@code withWrite} are released however the task ends: Ready, a
 * throw, or an abort while holding or while still waiting.
 */
public interface ScopedGuardConformance extends ConformanceFixture {

  /**
   * Four tasks that hold a permit each across an await and a fifth that waits for one are aborted:
   * all four permits are back.
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void withPermitReleasesOnAbort() {
    Runtime runtime = runtime();
    Semaphore semaphore = new Semaphore(4);
    List<JoinHandle<Object>> handles = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      handles.add(runtime.spawn(semaphore.withPermit(Futures::pending)));
    }
    Await.until(WAIT, () -> semaphore.availablePermits() == 0, "four tasks to hold a permit");
    handles.forEach(JoinHandle::abort);
    handles.forEach(handle -> Await.until(WAIT, handle::isFinished, "the aborted task to finish"));
    Await.until(
        WAIT,
        () -> semaphore.availablePermits() == 4,
        () -> "4 of 4 permits back, now " + semaphore.availablePermits());
  }

  /** A body that fails, and one that completes, give their permits back too. */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void withPermitsReleasesOnFailureAndSuccess() {
    Runtime runtime = runtime();
    Semaphore semaphore = new Semaphore(4);
    IllegalStateException boom = new IllegalStateException("boom holding permits");
    CompletableFuture<Object> failed =
        runtime
            .spawn(semaphore.withPermits(3, () -> FailureFutures.failAfterYield(boom)))
            .toCompletableFuture();
    assertThat(failed).failsWithin(WAIT);
    assertThat(failed.exceptionNow()).cause().isSameAs(boom);
    assertThat(semaphore.availablePermits()).isEqualTo(4);
    assertThat(runtime.blockOn(semaphore.withPermits(4, () -> Futures.ready(7)))).isEqualTo(7);
    assertThat(semaphore.availablePermits()).isEqualTo(4);
  }

  /**
   * A mutex held with {@code withLock} across an await is free again after the task is aborted; a
   * completed body's writes are seen by the next holder.
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void withLockReleasesOnAbortAndCompletion() {
    Runtime runtime = runtime();
    Mutex<Integer> mutex = new Mutex<>(0);
    AtomicBoolean holding = new AtomicBoolean();
    JoinHandle<Object> holder =
        runtime.spawn(
            mutex.withLock(
                guard -> {
                  holding.set(true);
                  return Futures.pending();
                }));
    Await.until(WAIT, holding::get, "the holder to take the lock");
    JoinHandle<Object> waiter = runtime.spawn(mutex.withLock(guard -> Futures.pending()));
    waiter.abort();
    holder.abort();
    Await.until(WAIT, () -> !mutex.isLocked(), "the lock to be released");
    Integer seen =
        runtime.blockOn(
            mutex
                .withLock(
                    guard -> {
                      guard.set(guard.get() + 1);
                      return Futures.yieldNow();
                    })
                .flatMap(ignored -> mutex.withLock(guard -> Futures.ready(guard.get()))));
    assertThat(seen).isEqualTo(1);
    assertThat(mutex.isLocked()).isFalse();
  }

  /** Read and write locks held with {@code withRead}/{@code withWrite} are released on abort. */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void withReadAndWithWriteReleaseOnAbort() {
    Runtime runtime = runtime();
    RwLock<String> lock = new RwLock<>("value");
    List<JoinHandle<Object>> readers = new ArrayList<>();
    AtomicInteger reading = new AtomicInteger();
    for (int i = 0; i < 3; i++) {
      readers.add(
          runtime.spawn(
              lock.withRead(
                  guard -> {
                    reading.incrementAndGet();
                    return Futures.pending();
                  })));
    }
    Await.until(WAIT, () -> reading.get() == 3, "the readers to hold the lock");
    AtomicBoolean writing = new AtomicBoolean();
    JoinHandle<Object> writer =
        runtime.spawn(
            lock.withWrite(
                guard -> {
                  writing.set(true);
                  return Futures.pending();
                }));
    readers.forEach(JoinHandle::abort);
    Await.until(WAIT, writing::get, "the writer to hold the lock");
    writer.abort();
    Await.until(WAIT, writer::isFinished, "the writer to be aborted");
    Await.until(
        WAIT,
        () -> {
          RwLock.WriteGuard<String> guard = lock.tryWrite();
          if (guard == null) {
            return false;
          }
          guard.close();
          return true;
        },
        "the write lock to be free");
  }
}
