package dev.gearbox.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.CountingWaker;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class BarrierLatchTokenTest {
  private final CountingWaker waker = new CountingWaker();

  @Test
  void aBarrierReleasesEveryoneWhenTheLastArrivesAndNamesOneLeaderPerRound() throws Exception {
    Barrier barrier = new Barrier(3);
    for (int round = 0; round < 2; round++) {
      Future<Boolean> a = barrier.await();
      Future<Boolean> b = barrier.await();
      assertThat(a.poll(waker.context()).isPending()).isTrue();
      assertThat(b.poll(waker.context()).isPending()).isTrue();
      assertThat(barrier.waiting()).isEqualTo(2);
      assertThat(barrier.await().poll(waker.context())).isEqualTo(Poll.ready(true));
      assertThat(a.poll(waker.context())).isEqualTo(Poll.ready(false));
      assertThat(b.poll(waker.context())).isEqualTo(Poll.ready(false));
    }
    assertThat(waker.wakes()).isEqualTo(4);
    assertThat(new Barrier(1).await().poll(waker.context())).isEqualTo(Poll.ready(true));
    assertThatThrownBy(() -> new Barrier(0)).hasMessageContaining("at least 1, but was 0");
  }

  @Test
  void aDroppedArrivalIsWithdrawn() throws Exception {
    Barrier barrier = new Barrier(2);
    Future<Boolean> dropped = barrier.await();
    dropped.poll(waker.context());
    dropped.drop();
    Future<Boolean> next = barrier.await();
    assertThat(next.poll(waker.context()).isPending()).as("the round is not full").isTrue();
    assertThat(barrier.await().poll(waker.context())).isEqualTo(Poll.ready(true));
    assertThat(next.poll(waker.context())).isEqualTo(Poll.ready(false));
  }

  @Test
  void aLatchOpensAtZeroForWaitersAndLaterAwaits() throws Exception {
    CountDownLatch latch = new CountDownLatch(2);
    Future<Void> waiting = latch.await();
    Future<Void> dropped = latch.await();
    assertThat(waiting.poll(waker.context()).isPending()).isTrue();
    CountingWaker droppedWaker = new CountingWaker();
    dropped.poll(droppedWaker.context());
    dropped.drop();
    latch.countDown();
    assertThat(waker.wakes()).isZero();
    latch.countDown();
    latch.countDown();
    assertThat(latch.count()).isZero();
    assertThat(waker.wakes()).isEqualTo(1);
    assertThat(droppedWaker.wakes()).isZero();
    assertThat(waiting.poll(waker.context()).isReady()).isTrue();
    assertThat(latch.await().poll(waker.context()).isReady()).isTrue();
    assertThat(new CountDownLatch(0).await().poll(waker.context()).isReady()).isTrue();
    assertThatThrownBy(() -> new CountDownLatch(-1)).hasMessageContaining("but was -1");
  }

  @Test
  void cancellingATokenCascadesToDescendantsButNotToParents() throws Exception {
    CancellationToken root = new CancellationToken();
    CancellationToken child = root.child();
    CancellationToken grandchild = child.child();
    CancellationToken sibling = root.child();
    Future<Void> onGrandchild = grandchild.cancelled();
    assertThat(onGrandchild.poll(waker.context()).isPending()).isTrue();

    child.cancel();
    assertThat(child.isCancelled()).isTrue();
    assertThat(grandchild.isCancelled()).isTrue();
    assertThat(root.isCancelled()).isFalse();
    assertThat(sibling.isCancelled()).isFalse();
    assertThat(waker.wakes()).isEqualTo(1);
    assertThat(onGrandchild.poll(waker.context()).isReady()).isTrue();

    root.cancel();
    root.cancel();
    assertThat(sibling.isCancelled()).isTrue();
    assertThat(root.child().isCancelled()).as("a child of a cancelled token").isTrue();
    assertThat(root.cancelled().poll(waker.context()).isReady()).isTrue();
  }

  @Test
  void aDroppedCancelledFutureIsNotWokenAndDeepTreesCancelWithoutRecursion() throws Exception {
    CancellationToken root = new CancellationToken();
    Future<Void> dropped = root.cancelled();
    dropped.poll(waker.context());
    dropped.drop();
    List<CancellationToken> chain = new ArrayList<>();
    CancellationToken last = root;
    for (int depth = 0; depth < 100_000; depth++) {
      last = last.child();
      chain.add(last);
    }
    root.cancel();
    assertThat(last.isCancelled()).isTrue();
    assertThat(waker.wakes()).isZero();
    assertThat(chain).allMatch(CancellationToken::isCancelled);
  }

  @Test
  void childrenNobodyHoldsArePrunedWhileTheParentLives() {
    CancellationToken root = new CancellationToken();
    for (int index = 0; index < 100_000; index++) {
      root.child();
    }
    CancellationToken kept = root.child();
    root.cancel();
    assertThat(kept.isCancelled()).isTrue();
  }
}
