package dev.gearbox.embedded;

import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Spawns pooled tasks on one {@link EmbeddedExecutor}, from any thread (Embassy's {@code Spawner}
 * and {@code SendSpawner} in one). A spawn claims a free slot of the pool, initialises its reused
 * body and queues it: no allocation when {@code init} is a method reference that captures nothing.
 */
public final class Spawner {
  private final EmbeddedExecutor executor;

  Spawner(EmbeddedExecutor executor) {
    this.executor = executor;
  }

  /**
   * The executor this spawner feeds.
   *
   * @return the executor
   */
  public EmbeddedExecutor executor() {
    return executor;
  }

  /**
   * Spawns a task of {@code pool} with its body as it is (fresh, or as its last {@link
   * TaskBody#reset()} left it).
   *
   * @param pool the pool
   * @param <B> the body type
   * @throws SpawnError if every task of the pool is alive
   * @throws IllegalStateException if the executor is closed
   */
  public <B extends TaskBody> void spawn(TaskPool<B> pool) {
    spawn(pool, (body, unused) -> {}, null);
  }

  /**
   * Spawns a task of {@code pool}: claims a free slot, calls {@code init} with its body and {@code
   * argument} (Embassy's task arguments), and queues it on the executor.
   *
   * @param pool the pool
   * @param init sets the body up, on the calling thread, before its first poll
   * @param argument passed to {@code init}
   * @param <B> the body type
   * @param <A> the argument type
   * @throws SpawnError if every task of the pool is alive
   * @throws IllegalStateException if the executor is closed
   */
  public <B extends TaskBody, A> void spawn(
      TaskPool<B> pool, BiConsumer<? super B, ? super A> init, A argument) {
    if (!trySpawn(pool, init, argument)) {
      throw new SpawnError(
          pool.name(),
          pool.size(),
          "declare the pool with a larger size, or spawn after a task ends");
    }
  }

  /**
   * Like {@link #spawn(TaskPool, BiConsumer, Object)}, but reports a full pool by returning false
   * instead of throwing: allocation-free even then.
   *
   * @param pool the pool
   * @param init sets the body up before its first poll
   * @param argument passed to {@code init}
   * @param <B> the body type
   * @param <A> the argument type
   * @return false if every task of the pool is alive
   * @throws IllegalStateException if the executor is closed
   */
  public <B extends TaskBody, A> boolean trySpawn(
      TaskPool<B> pool, BiConsumer<? super B, ? super A> init, A argument) {
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(init, "init");
    if (executor.isClosed()) {
      throw new IllegalStateException(
          "executor '"
              + executor.name()
              + "' is closed: cannot spawn a task of pool '"
              + pool.name()
              + "'");
    }
    PoolSlot slot = pool.claim();
    if (slot == null) {
      return false;
    }
    try {
      init.accept(pool.body(slot), argument);
    } catch (RuntimeException | Error failure) {
      slot.unclaim();
      throw failure;
    }
    executor.usePool(pool);
    slot.start(executor);
    return true;
  }

  @Override
  public String toString() {
    return "Spawner[" + executor.name() + "]";
  }
}
