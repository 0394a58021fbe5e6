package dev.gearbox.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.CountingWaker;
import dev.gearbox.future.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class MutexTest {
  private final CountingWaker first = new CountingWaker();
  private final CountingWaker second = new CountingWaker();

  @Test
  void theGuardGivesTheValueAndClosingItPassesTheLockInFifoOrder() throws Exception {
    Mutex<StringBuilder> mutex = new Mutex<>(new StringBuilder());
    Mutex.Guard<StringBuilder> held = mutex.tryLock();
    Future<Mutex.Guard<StringBuilder>> a = mutex.lock();
    Future<Mutex.Guard<StringBuilder>> b = mutex.lock();
    assertThat(a.poll(first.context()).isPending()).isTrue();
    assertThat(b.poll(second.context()).isPending()).isTrue();
    assertThat(mutex.tryLock()).isNull();

    held.get().append("held ");
    held.close();
    assertThat(first.wakes()).isEqualTo(1);
    assertThat(second.wakes()).isZero();
    try (Mutex.Guard<StringBuilder> guard = a.poll(first.context()).value()) {
      guard.get().append("a ");
    }
    assertThat(second.wakes()).isEqualTo(1);
    try (Mutex.Guard<StringBuilder> guard = b.poll(second.context()).value()) {
      guard.set(guard.get().append("b"));
    }
    assertThat(mutex.isLocked()).isFalse();
    try (Mutex.Guard<StringBuilder> guard = mutex.tryLock()) {
      assertThat(guard.get()).hasToString("held a b");
    }
  }

  @Test
  void aClosedGuardRefusesAccess() {
    Mutex<String> mutex = new Mutex<>("x");
    Mutex.Guard<String> guard = mutex.tryLock();
    guard.close();
    guard.close();
    assertThatThrownBy(guard::get)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> guard.set("y")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aLockDroppedAfterTheLockWasHandedToItPassesItOn() throws Exception {
    Mutex<String> mutex = new Mutex<>("x");
    Mutex.Guard<String> held = mutex.tryLock();
    Future<Mutex.Guard<String>> dropped = mutex.lock();
    Future<Mutex.Guard<String>> next = mutex.lock();
    dropped.poll(first.context());
    next.poll(second.context());
    held.close();
    assertThat(first.wakes()).isEqualTo(1);

    dropped.drop();

    assertThat(second.wakes()).isEqualTo(1);
    assertThat(next.poll(second.context()).value().get()).isEqualTo("x");
  }
}
