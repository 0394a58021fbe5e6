package dev.gearbox.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.CountingWaker;
import dev.gearbox.future.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class NotifyTest {
  private final Notify notify = new Notify();
  private final CountingWaker first = new CountingWaker();
  private final CountingWaker second = new CountingWaker();

  @Test
  void notifyOneWithNobodyWaitingStoresOnePermit() throws Exception {
    notify.notifyOne();
    notify.notifyOne();
    assertThat(notify.notified().poll(first.context()).isReady()).isTrue();
    assertThat(notify.notified().poll(first.context()).isPending()).as("one permit only").isTrue();
  }

  @Test
  void notifyOneWakesTheOldestWaiterOnly() throws Exception {
    Future<Void> a = notify.notified();
    Future<Void> b = notify.notified();
    a.poll(first.context());
    b.poll(second.context());
    notify.notifyOne();
    assertThat(first.wakes()).isEqualTo(1);
    assertThat(second.wakes()).isZero();
    assertThat(a.poll(first.context()).isReady()).isTrue();
    assertThat(b.poll(second.context()).isPending()).isTrue();
    assertThatThrownBy(() -> a.poll(first.context())).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void notifyWaitersWakesAllIncludingUnpolledFuturesMadeBeforeAndStoresNoPermit() throws Exception {
    Future<Void> polled = notify.notified();
    Future<Void> unpolled = notify.notified();
    polled.poll(first.context());
    notify.notifyWaiters();
    assertThat(first.wakes()).isEqualTo(1);
    assertThat(polled.poll(first.context()).isReady()).isTrue();
    assertThat(unpolled.poll(second.context()).isReady()).isTrue();
    assertThat(notify.notified().poll(second.context()).isPending()).isTrue();
  }

  @Test
  void aDroppedWaiterChosenByNotifyOnePassesTheNotificationOn() throws Exception {
    Future<Void> dropped = notify.notified();
    Future<Void> next = notify.notified();
    dropped.poll(first.context());
    next.poll(second.context());
    notify.notifyOne();
    dropped.drop();
    assertThat(second.wakes()).isEqualTo(1);
    assertThat(next.poll(second.context()).isReady()).isTrue();

    Future<Void> alone = notify.notified();
    alone.poll(first.context());
    notify.notifyOne();
    alone.drop();
    assertThat(notify.notified().poll(first.context()).isReady()).as("back as the permit").isTrue();
  }

  @Test
  void aDroppedWaiterIsNotNotified() throws Exception {
    Future<Void> dropped = notify.notified();
    dropped.poll(first.context());
    dropped.drop();
    notify.notifyOne();
    assertThat(first.wakes()).isZero();
    assertThat(notify.notified().poll(second.context()).isReady()).isTrue();
  }

  @Test
  void anExhaustedBudgetKeepsTheNotification() throws Exception {
    ExhaustedBudget spent = new ExhaustedBudget();
    notify.notifyOne();
    Future<Void> waiting = notify.notified();
    assertThat(waiting.poll(spent).isPending()).isTrue();
    assertThat(spent.waker.wakes()).isEqualTo(1);
    assertThat(waiting.poll(first.context()).isReady()).isTrue();
  }
}
