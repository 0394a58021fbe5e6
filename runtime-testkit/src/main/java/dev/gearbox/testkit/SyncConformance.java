package dev.gearbox.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gearbox.future.Future;
import dev.gearbox.future.Futures;
import dev.gearbox.runtime.JoinException;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.sync.Barrier;
import dev.gearbox.sync.Broadcast;
import dev.gearbox.sync.CancellationToken;
import dev.gearbox.sync.Channel;
import dev.gearbox.sync.JoinSet;
import dev.gearbox.sync.Mutex;
import dev.gearbox.sync.Notify;
import dev.gearbox.sync.RwLock;
import dev.gearbox.sync.Semaphore;
import dev.gearbox.sync.Watch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Conformance: the primitives of {@code dev.gearbox.sync} between tasks of the runtime under test,
 * including tasks aborted while they wait (a cancelled waiter must lose no message and keep no
 * permit).
 */
public interface SyncConformance extends ConformanceFixture {

  /**
   * Tasks exchange messages over bounded and unbounded channels: each arrives once, in order per
   * producer, also when received in batches.
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void channelsCarryEveryMessageBetweenTasks() {
    Runtime runtime = runtime();
    for (Channel.Pair<Integer> pair :
        List.<Channel.Pair<Integer>>of(Channel.bounded(4), Channel.unbounded())) {
      int producers = 4;
      int perProducer = 5_000;
      for (int producer = 0; producer < producers; producer++) {
        int base = producer * perProducer;
        runtime.spawn(Futures.repeat(perProducer, i -> pair.sender().send(base + i)));
      }
      List<Integer> batch = new ArrayList<>();
      int[] nextPerProducer = new int[producers];
      int received =
          runtime.blockOn(
              SyncFutures.countUntil(
                  producers * perProducer,
                  () ->
                      pair.receiver()
                          .receiveMany(batch, 64)
                          .map(
                              count -> {
                                for (int message : batch) {
                                  int producer = message / perProducer;
                                  assertThat(message % perProducer)
                                      .isEqualTo(nextPerProducer[producer]++);
                                }
                                batch.clear();
                                return count;
                              })));
      assertThat(received).isEqualTo(producers * perProducer);
    }
  }

  /** Many tasks increment a counter under a {@link Mutex}, yielding while they hold it. */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void aMutexExcludesAcrossTasks() {
    Runtime runtime = runtime();
    Mutex<int[]> mutex = new Mutex<>(new int[1]);
    List<JoinHandle<Void>> tasks = new ArrayList<>();
    for (int task = 0; task < 100; task++) {
      tasks.add(runtime.spawn(Futures.repeat(50, i -> SyncFutures.incrementYielding(mutex))));
    }
    runtime.blockOn(Futures.joinAll(tasks));
    int[] count = runtime.blockOn(mutex.lock().map(SyncFutures::readAndClose));
    assertThat(count[0]).isEqualTo(5_000);
  }

  /** A semaphore of 3 never lets more than 3 tasks in, and every permit comes back. */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void aSemaphoreBoundsConcurrentTasks() {
    Runtime runtime = runtime();
    Semaphore semaphore = new Semaphore(3);
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    List<JoinHandle<Void>> tasks = new ArrayList<>();
    for (int task = 0; task < 100; task++) {
      tasks.add(
          runtime.spawn(
              Futures.repeat(
                  10, i -> SyncFutures.holdAcrossYield(semaphore.acquire(), inside, most))));
    }
    runtime.blockOn(Futures.joinAll(tasks));
    assertThat(most.get()).isBetween(1, 3);
    assertThat(semaphore.availablePermits()).isEqualTo(3);
  }

  /**
   * Tasks waiting for a lock, a semaphore or a notification are aborted; the survivors still get
   * them and nothing stays held.
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void abortedWaitersHoldNothing() {
    Runtime runtime = runtime();
    Mutex<String> mutex = new Mutex<>("free");
    Semaphore semaphore = new Semaphore(0);
    Notify notify = new Notify();
    Mutex.Guard<String> held = mutex.tryLock();
    List<JoinHandle<Object>> kept = new ArrayList<>();
    List<JoinHandle<Object>> aborted = new ArrayList<>();
    java.util.concurrent.CountDownLatch polled = new java.util.concurrent.CountDownLatch(60);
    for (int task = 0; task < 60; task++) {
      Future<Object> waits =
          switch (task % 3) {
            case 0 -> mutex.lock().map(guard -> (Object) SyncFutures.readAndClose(guard));
            case 1 -> semaphore.acquire().map(permit -> (Object) SyncFutures.closePermit(permit));
            default -> notify.notified().map(ignored -> (Object) "notified");
          };
      (task % 2 == 0 ? aborted : kept)
          .add(runtime.spawn(SyncFutures.countFirstPoll(polled, waits)));
    }
    Await.until(WAIT, () -> polled.getCount() == 0, "every waiter polled once");
    aborted.forEach(JoinHandle::abort);
    for (JoinHandle<Object> handle : aborted) {
      JoinException cancelled = catchThrowableOfType(JoinException.class, handle::join);
      assertThat(cancelled).isNotNull();
    }
    held.close();
    semaphore.release(1);
    for (int notification = 0; notification < 10; notification++) {
      notify.notifyOne();
    }
    runtime.blockOn(Futures.joinAll(kept));
    assertThat(mutex.tryLock()).as("the lock is free again").isNotNull();
    assertThat(semaphore.availablePermits()).as("the permit came back").isEqualTo(1);
  }

  /** Readers overlap, writers exclude them, and the value written is what readers see. */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void anRwLockAdmitsReadersOrOneWriter() {
    Runtime runtime = runtime();
    RwLock<int[]> lock = new RwLock<>(new int[1]);
    List<JoinHandle<Void>> tasks = new ArrayList<>();
    for (int task = 0; task < 40; task++) {
      tasks.add(
          runtime.spawn(
              task % 4 == 0
                  ? Futures.repeat(25, i -> SyncFutures.writeIncrement(lock))
                  : Futures.repeat(25, i -> SyncFutures.readConsistent(lock))));
    }
    runtime.blockOn(Futures.joinAll(tasks));
    assertThat(lock.tryRead().get()[0]).isEqualTo(10 * 25);
  }

  /**
   * Barrier rounds release all parties with one leader each; a latch and a cancellation token
   * release their waiters; a watch receiver sees the last value; broadcast receivers see all.
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void signalsReleaseEveryWaitingTask() {
    Runtime runtime = runtime();
    Barrier barrier = new Barrier(5);
    List<JoinHandle<Integer>> parties = new ArrayList<>();
    for (int party = 0; party < 5; party++) {
      parties.add(runtime.spawn(SyncFutures.countLeaderships(barrier, 20)));
    }
    int leaderships = 0;
    for (int leads : runtime.blockOn(Futures.joinAll(parties))) {
      leaderships += leads;
    }
    assertThat(leaderships).as("one leader per round").isEqualTo(20);

    dev.gearbox.sync.CountDownLatch latch = new dev.gearbox.sync.CountDownLatch(3);
    CancellationToken root = new CancellationToken();
    List<JoinHandle<Void>> waiting = new ArrayList<>();
    for (int task = 0; task < 10; task++) {
      waiting.add(runtime.spawn(latch.await()));
      waiting.add(runtime.spawn(root.child().child().cancelled()));
    }
    for (int count = 0; count < 3; count++) {
      runtime.spawn(Futures.lazy(() -> SyncFutures.countDown(latch)));
    }
    root.cancel();
    runtime.blockOn(Futures.joinAll(waiting));

    Watch.Pair<Integer> watch = Watch.channel(0);
    JoinHandle<Integer> watcher = runtime.spawn(SyncFutures.watchUntil(watch.receiver(), 100));
    runtime.blockOn(Futures.repeat(100, i -> Futures.lazy(() -> SyncFutures.send(watch, i + 1))));
    assertThat(runtime.blockOn(watcher)).isEqualTo(100);

    Broadcast.Pair<Integer> broadcast = Broadcast.channel(1_000);
    List<JoinHandle<Integer>> listeners = new ArrayList<>();
    listeners.add(runtime.spawn(SyncFutures.sumBroadcast(broadcast.receiver())));
    listeners.add(runtime.spawn(SyncFutures.sumBroadcast(broadcast.sender().subscribe())));
    for (int message = 1; message <= 500; message++) {
      broadcast.sender().send(message);
    }
    broadcast.sender().close();
    assertThat(runtime.blockOn(Futures.joinAll(listeners))).containsExactly(125_250, 125_250);
  }

  /**
   * A {@link JoinSet} joins tasks as they finish, reports failures and cancellations, and aborts
   * what is left when closed.
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void aJoinSetJoinsAsTasksFinishAndAbortsOnClose() {
    Runtime runtime = runtime();
    List<Integer> outputs =
        runtime.blockOn(
            Futures.lazy(
                    () -> {
                      JoinSet<Integer> set = new JoinSet<>();
                      for (int task = 0; task < 100; task++) {
                        int value = task;
                        set.spawn(Futures.yieldNow().map(ignored -> value));
                      }
                      return set;
                    })
                .flatMap(JoinSet::joinAll));
    assertThat(outputs).hasSize(100).containsExactlyInAnyOrderElementsOf(range(100));

    JoinSet<String> set = new JoinSet<>(runtime);
    Notify never = new Notify();
    set.spawn(never.notified().map(ignored -> "never"));
    set.spawn(Futures.failed(new IllegalStateException("boom")));
    JoinException failed =
        catchThrowableOfType(JoinException.class, () -> runtime.blockOn(set.joinNext()));
    assertThat(failed).isNotNull();
    assertThat(failed.isCancelled()).isFalse();
    set.abortAll();
    JoinException cancelled =
        catchThrowableOfType(JoinException.class, () -> runtime.blockOn(set.joinNext()));
    assertThat(cancelled.isCancelled()).isTrue();
    assertThat(set.isEmpty()).isTrue();

    JoinSet<String> closing = new JoinSet<>(runtime);
    JoinHandle<String> handle = closing.spawn(never.notified().map(ignored -> "never"));
    closing.close();
    assertThat(catchThrowableOfType(JoinException.class, handle::join).isCancelled()).isTrue();
  }

  private static List<Integer> range(int count) {
    List<Integer> values = new ArrayList<>();
    for (int value = 0; value < count; value++) {
      values.add(value);
    }
    return values;
  }
}
