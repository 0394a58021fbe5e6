package dev.gearbox.embedded;

import dev.gearbox.spi.TaskCensus;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A fixed number of tasks of one kind, declared up front (Embassy's {@code #[task(pool_size =
 * N)]}): the pool creates {@code size} bodies once; a spawn claims a free slot and reuses its body,
 * and a spawn into a full pool fails with {@link SpawnError} without allocating. A finished task's
 * slot is free for the next spawn. Thread-safe; a pool may feed several executors.
 *
 * <pre>{@code
 * static final TaskPool<Blink> BLINK = TaskPool.create("blink", 2, Blink::new);
 * executor.spawner().spawn(BLINK, Blink::start, led);   // start(led) then polled
 * }</pre>
 *
 * @param <B> the body type
 */
public final class TaskPool<B extends TaskBody> {
  private final String name;
  private final PoolSlot[] slots;
  private int cursor; // a hint only: races make a claim scan a little further

  private TaskPool(String name, PoolSlot[] slots) {
    this.name = name;
    this.slots = slots;
  }

  /**
   * Creates a pool of {@code size} tasks, calling {@code bodies} {@code size} times now.
   *
   * @param name the pool's name, for errors
   * @param size how many tasks may be alive at once, at least 1
   * @param bodies makes one body per slot
   * @param <B> the body type
   * @return the pool
   * @throws IllegalArgumentException if {@code size} is less than 1
   */
  public static <B extends TaskBody> TaskPool<B> create(
      String name, int size, Supplier<? extends B> bodies) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(bodies, "bodies");
    if (size < 1) {
      throw new IllegalArgumentException(
          "task pool '" + name + "' needs a size of at least 1, got " + size);
    }
    PoolSlot[] slots = new PoolSlot[size];
    TaskPool<B> pool = new TaskPool<>(name, slots);
    for (int i = 0; i < size; i++) {
      slots[i] = new PoolSlot(pool, Objects.requireNonNull(bodies.get(), "body"));
    }
    return pool;
  }

  /**
   * The pool's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * How many tasks the pool holds.
   *
   * @return the size
   */
  public int size() {
    return slots.length;
  }

  /**
   * How many slots are taken now (alive tasks, and finished ones whose last wake-up is still
   * queued); a snapshot.
   *
   * @return the count
   */
  public int busy() {
    int count = 0;
    for (PoolSlot slot : slots) {
      count += slot.isFree() ? 0 : 1;
    }
    return count;
  }

  /** Claims a free slot, or returns null if none is free. Scans at most once round. */
  PoolSlot claim() {
    int start = cursor;
    int length = slots.length;
    for (int i = 0; i < length; i++) {
      int index = start + i;
      if (index >= length) {
        index -= length;
      }
      PoolSlot slot = slots[index];
      if (slot.tryClaim()) {
        cursor = index + 1 == length ? 0 : index + 1;
        return slot;
      }
    }
    return null;
  }

  /** Frees the slots whose task runs on {@code executor}, which closed; its thread only. */
  void releaseAll(EmbeddedExecutor executor) {
    for (PoolSlot slot : slots) {
      slot.releaseIfOn(executor);
    }
  }

  /**
   * Counts the live tasks of this pool that run on {@code executor}, for a task dump; any thread.
   * The walk covers every slot once, a cost fixed by the pool's size.
   */
  void censusOn(EmbeddedExecutor executor, TaskNode polling, TaskCensus census) {
    for (int index = 0; index < slots.length; index++) {
      slots[index].censusOn(executor, index, polling, census);
    }
  }

  PoolSlot slot(int index) {
    return slots[index];
  }

  @SuppressWarnings("unchecked")
  B body(PoolSlot slot) {
    return (B) slot.body;
  }

  @Override
  public String toString() {
    return "TaskPool[" + name + ", size=" + slots.length + ", busy=" + busy() + "]";
  }
}
