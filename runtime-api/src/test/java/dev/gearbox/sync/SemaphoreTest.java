package dev.gearbox.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.CountingWaker;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SemaphoreTest {
  private final CountingWaker waker = new CountingWaker();

  @Test
  void badCountsAreRejectedWithTheValueAndTheRange() {
    assertThatThrownBy(() -> new Semaphore(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was -1")
        .hasMessageContaining("from 0 to " + Semaphore.MAX_PERMITS);
    Semaphore semaphore = new Semaphore(1);
    assertThatThrownBy(() -> semaphore.acquire(0)).hasMessageContaining("but was 0");
    assertThatThrownBy(() -> semaphore.tryAcquire(Semaphore.MAX_PERMITS + 1))
        .hasMessageContaining("from 1 to");
    assertThatThrownBy(() -> semaphore.release(-2)).hasMessageContaining("was -2");
    assertThatThrownBy(() -> semaphore.release(Semaphore.MAX_PERMITS))
        .hasMessageContaining("would exceed MAX_PERMITS");
  }

  @Test
  void tryAcquireTakesFreePermitsAndClosingThePermitGivesThemBack() {
    Semaphore semaphore = new Semaphore(3);
    SemaphorePermit two = semaphore.tryAcquire(2);
    assertThat(two.permits()).isEqualTo(2);
    assertThat(semaphore.availablePermits()).isEqualTo(1);
    assertThat(semaphore.tryAcquire(2)).isNull();
    two.close();
    two.close();
    assertThat(semaphore.availablePermits()).isEqualTo(3);
    semaphore.tryAcquire().forget();
    assertThat(semaphore.availablePermits()).isEqualTo(2);
  }

  @Test
  void waitersAreServedInFifoOrderAndTryAcquireNeverOvertakes() throws Exception {
    Semaphore semaphore = new Semaphore(0);
    CountingWaker bigWaker = new CountingWaker();
    CountingWaker smallWaker = new CountingWaker();
    Future<SemaphorePermit> big = semaphore.acquire(3);
    Future<SemaphorePermit> small = semaphore.acquire(1);
    assertThat(big.poll(bigWaker.context()).isPending()).isTrue();
    assertThat(small.poll(smallWaker.context()).isPending()).isTrue();

    semaphore.release(2);
    assertThat(semaphore.availablePermits()).as("given to the first waiter").isZero();
    assertThat(semaphore.tryAcquire()).as("no overtaking").isNull();
    assertThat(bigWaker.wakes()).isZero();
    assertThat(smallWaker.wakes()).as("the small one waits behind the big one").isZero();

    semaphore.release(2);
    assertThat(bigWaker.wakes()).isEqualTo(1);
    assertThat(smallWaker.wakes()).isEqualTo(1);
    assertThat(big.poll(bigWaker.context()).value().permits()).isEqualTo(3);
    assertThat(small.poll(smallWaker.context()).value().permits()).isEqualTo(1);
    assertThat(semaphore.availablePermits()).isZero();
  }

  @Test
  void aDroppedWaiterGivesItsPartialPermitsToTheNext() throws Exception {
    Semaphore semaphore = new Semaphore(1);
    Future<SemaphorePermit> dropped = semaphore.acquire(3);
    Future<SemaphorePermit> next = semaphore.acquire(2);
    CountingWaker nextWaker = new CountingWaker();
    assertThat(dropped.poll(waker.context()).isPending()).isTrue();
    assertThat(next.poll(nextWaker.context()).isPending()).isTrue();
    semaphore.release(1);

    dropped.drop();

    assertThat(nextWaker.wakes()).isEqualTo(1);
    assertThat(next.poll(nextWaker.context()).value().permits()).isEqualTo(2);
    assertThat(semaphore.availablePermits()).isZero();
  }

  @Test
  void aDroppedGrantedWaiterReleasesEverything() throws Exception {
    Semaphore semaphore = new Semaphore(0);
    Future<SemaphorePermit> granted = semaphore.acquire(2);
    granted.poll(waker.context());
    semaphore.release(2);
    assertThat(waker.wakes()).isEqualTo(1);
    granted.drop();
    assertThat(semaphore.availablePermits()).isEqualTo(2);
    assertThat(semaphore.tryAcquire(2)).isNotNull();
  }

  @Test
  void aDroppedLastWaiterLeavesTheSemaphoreUsable() throws Exception {
    Semaphore semaphore = new Semaphore(0);
    Future<SemaphorePermit> waiting = semaphore.acquire();
    waiting.poll(waker.context());
    waiting.drop();
    semaphore.release(1);
    assertThat(semaphore.tryAcquire()).as("fast path again once nobody waits").isNotNull();
    semaphore.acquire().drop();
  }

  @Test
  void closeFailsWaitersAndLaterAcquiresButGrantedPermitsStayValid() throws Exception {
    Semaphore semaphore = new Semaphore(1);
    SemaphorePermit held = semaphore.tryAcquire();
    Future<SemaphorePermit> waiting = semaphore.acquire();
    waiting.poll(waker.context());

    semaphore.close();

    assertThat(waker.wakes()).isEqualTo(1);
    assertThatThrownBy(() -> waiting.poll(waker.context()))
        .isInstanceOf(SemaphoreClosedException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(semaphore::tryAcquire).isInstanceOf(SemaphoreClosedException.class);
    assertThatThrownBy(() -> semaphore.acquire().poll(waker.context()))
        .isInstanceOf(SemaphoreClosedException.class);
    held.close();
    assertThat(semaphore.availablePermits()).isEqualTo(1);
    assertThat(semaphore.isClosed()).isTrue();
  }

  @Test
  void anExhaustedBudgetYieldsInsteadOfCompleting() throws Exception {
    Semaphore semaphore = new Semaphore(1);
    ExhaustedBudget spent = new ExhaustedBudget();
    Future<SemaphorePermit> acquire = semaphore.acquire();
    assertThat(acquire.poll(spent).isPending()).isTrue();
    assertThat(spent.waker.wakes()).isEqualTo(1);
    assertThat(semaphore.availablePermits()).as("nothing taken").isEqualTo(1);
    assertThat(acquire.poll(waker.context())).isInstanceOf(Poll.Ready.class);
  }

  @Test
  void aCompletedAcquireCannotBePolledAgain() throws Exception {
    Semaphore semaphore = new Semaphore(1);
    Future<SemaphorePermit> acquire = semaphore.acquire();
    acquire.poll(waker.context());
    assertThatThrownBy(() -> acquire.poll(waker.context()))
        .isInstanceOf(IllegalStateException.class);
  }
}
