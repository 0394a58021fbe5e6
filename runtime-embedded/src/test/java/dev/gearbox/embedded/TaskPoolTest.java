package dev.gearbox.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.Context;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Task pools: a fixed number of reused bodies, SpawnError when full, slots freed when done. */
class TaskPoolTest {

  /** A body that counts its spawns and polls, and finishes when told to. */
  static final class Counting implements TaskBody {
    static final List<Counting> CREATED = new ArrayList<>();
    int spawns;
    int resets;
    boolean finish;

    Counting() {
      CREATED.add(this);
    }

    void start(Integer unused) {
      spawns++;
    }

    @Override
    public boolean poll(Context cx) {
      return finish;
    }

    @Override
    public void reset() {
      resets++;
      finish = false;
    }
  }

  @Test
  void aFullPoolFailsWithSpawnErrorAndAFinishedSlotIsReused() {
    Counting.CREATED.clear();
    TaskPool<Counting> pool = TaskPool.create("blink", 2, Counting::new);
    assertThat(Counting.CREATED).hasSize(2);
    EmbeddedExecutor executor = new EmbeddedExecutor("pool-test", new ManualTimeDriver());
    Spawner spawner = executor.spawner();
    spawner.spawn(pool, Counting::start, 0);
    spawner.spawn(pool, Counting::start, 0);
    executor.runUntilIdle();
    assertThat(pool.busy()).isEqualTo(2);
    assertThatThrownBy(() -> spawner.spawn(pool, Counting::start, 0))
        .isInstanceOf(SpawnError.class)
        .hasMessageContaining("task pool 'blink' is busy: all 2 of its tasks are alive")
        .satisfies(e -> assertThat(((SpawnError) e).size()).isEqualTo(2));
    assertThat(spawner.trySpawn(pool, Counting::start, 0)).isFalse();

    Counting first = Counting.CREATED.get(0);
    first.finish = true;
    executor.runUntilIdle(); // not woken: still alive
    assertThat(pool.busy()).isEqualTo(2);
    first.finish = true;
    ((PoolSlot) findSlot(pool, first)).wake();
    executor.runUntilIdle();
    assertThat(pool.busy()).isEqualTo(1);
    assertThat(first.resets).isEqualTo(1);

    spawner.spawn(pool, Counting::start, 0);
    assertThat(first.spawns).as("the freed slot's body is reused").isEqualTo(2);
    assertThat(Counting.CREATED).as("no body created after the pool").hasSize(2);
    executor.close();
  }

  @Test
  void aFailingInitFreesTheSlotAgain() {
    TaskPool<Counting> pool = TaskPool.create("one", 1, Counting::new);
    EmbeddedExecutor executor = new EmbeddedExecutor("init-test", new ManualTimeDriver());
    assertThatThrownBy(
            () ->
                executor
                    .spawner()
                    .spawn(
                        pool,
                        (body, unused) -> {
                          throw new IllegalStateException("bad init");
                        },
                        null))
        .hasMessage("bad init");
    assertThat(pool.busy()).isZero();
    executor.spawner().spawn(pool);
    assertThat(pool.busy()).isEqualTo(1);
  }

  @Test
  void closingTheExecutorFreesItsSlotsAndRefusesSpawns() throws Exception {
    Counting.CREATED.clear();
    TaskPool<Counting> pool = TaskPool.create("closing", 3, Counting::new);
    EmbeddedExecutor executor = new EmbeddedExecutor("close-test", new ManualTimeDriver());
    executor.spawner().spawn(pool);
    executor.spawner().spawn(pool);
    Thread thread = executor.start(Thread.NORM_PRIORITY);
    executor.close();
    thread.join(10_000);
    assertThat(thread.isAlive()).isFalse();
    assertThat(pool.busy()).isZero();
    assertThatThrownBy(() -> executor.spawner().spawn(pool))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("executor 'close-test' is closed");
  }

  @Test
  void badPoolSizesAreRefused() {
    assertThatThrownBy(() -> TaskPool.create("empty", 0, Counting::new))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("task pool 'empty' needs a size of at least 1, got 0");
  }

  private static Object findSlot(TaskPool<Counting> pool, Counting body) {
    // the slots are package-private: find the one holding the body by spawning nothing
    for (int i = 0; i < pool.size(); i++) {
      PoolSlot slot = pool.slot(i);
      if (slot.body == body) {
        return slot;
      }
    }
    throw new AssertionError("no slot holds the body");
  }
}
