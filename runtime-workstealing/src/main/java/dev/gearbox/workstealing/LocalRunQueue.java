package dev.gearbox.workstealing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A worker's bounded run queue: 256 slots, pushed and popped by its owner, stolen from (half at a
 * time) by the other workers. When full, half of it moves to the global queue in one batch.
 */
final class LocalRunQueue {
  /*
   * Implementation notes: after Tokio's scheduler/multi_thread/queue.rs, itself a Chase–Lev deque
   * without the owner's LIFO end.
   *
   * `head` packs two 32-bit indices: `steal` (high half) and `real` (low half). Tasks in
   * [real, tail) are queued. When no thief is active, steal == real. A thief first claims [real,
   * real + n) by moving only `real` (one CAS), copies the claimed tasks into its own queue, then
   * sets steal = real (a CAS loop, since the owner may pop meanwhile). While steal != real the
   * slots in [steal, real) still belong to the thief, so the owner checks room against `steal`, and
   * a second thief backs off. Indices are ints that wrap; slot = index & MASK.
   *
   * `tail` is written only by the owner, with release (soTail) after it wrote the slot; thieves
   * read it with acquire (lvTail) before reading slots. Slots are plain array elements: each write
   * is ordered before the next reader by the tail release / acquire pair or by the head CAS. The
   * thread that claims a slot (owner pop, or thief copy) clears it before it releases the claim,
   * so a finished task is not kept reachable by a stale slot.
   *
   * Threads: pushBack, pushBackOrOverflow, pop: owner only. stealInto: any worker, with the
   * destination queue owned by the calling thread. isEmpty, len: any thread (an estimate).
   */
  static final int CAPACITY = 256;
  static final int MASK = CAPACITY - 1;
  static final int HALF = CAPACITY / 2;

  private static final VarHandle HEAD;
  private static final VarHandle TAIL;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      HEAD = lookup.findVarHandle(LocalRunQueue.class, "head", long.class);
      TAIL = lookup.findVarHandle(LocalRunQueue.class, "tail", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final ScheduledTask<?>[] buffer = new ScheduledTask<?>[CAPACITY];

  @SuppressWarnings("unused") // accessed through HEAD
  private volatile long head;

  @SuppressWarnings("unused") // accessed through TAIL
  private volatile int tail;

  static long pack(int steal, int real) {
    return ((long) steal << 32) | (real & 0xFFFF_FFFFL);
  }

  static int steal(long head) {
    return (int) (head >>> 32);
  }

  static int real(long head) {
    return (int) head;
  }

  private long lvHead() {
    return (long) HEAD.getAcquire(this);
  }

  private long casHead(long expected, long next) {
    return (long) HEAD.compareAndExchange(this, expected, next);
  }

  private int lvTail() {
    return (int) TAIL.getAcquire(this);
  }

  private int lpTail() {
    return (int) TAIL.get(this);
  }

  private void soTail(int value) {
    TAIL.setRelease(this, value);
  }

  /** Whether no task is queued. Any thread. */
  boolean isEmpty() {
    return real(lvHead()) == lvTail();
  }

  /** The number of queued tasks, an estimate from another thread. */
  int len() {
    int length = lvTail() - real(lvHead());
    return Math.max(0, Math.min(CAPACITY, length));
  }

  /** Free slots; owner only (others can only make room). */
  int remainingSlots() {
    return CAPACITY - (lpTail() - steal(lvHead()));
  }

  /** Adds a task that is known to fit (room was checked by the owner). Owner only. */
  void pushBack(ScheduledTask<?> task) {
    int tail = lpTail();
    if (tail - steal(lvHead()) >= CAPACITY) {
      throw new IllegalStateException("local run queue overflow in pushBack");
    }
    buffer[tail & MASK] = task;
    soTail(tail + 1);
  }

  /**
   * Adds a task at the back; if the queue is full, moves half of it and the task to {@code
   * globalQueue} in one batch. Owner only.
   *
   * @return the number of tasks moved to the global queue (0 when the task fit)
   */
  int pushBackOrOverflow(ScheduledTask<?> task, GlobalQueue globalQueue) {
    while (true) {
      long head = lvHead();
      int steal = steal(head);
      int real = real(head);
      int tail = lpTail();
      if (tail - steal < CAPACITY) {
        buffer[tail & MASK] = task;
        soTail(tail + 1);
        return 0;
      }
      if (steal != real) {
        // A thief is copying and will make room; the task goes to the global queue meanwhile.
        globalQueue.push(task);
        return 1;
      }
      if (pushOverflow(task, real, globalQueue)) {
        return HALF + 1;
      }
      // A thief took tasks between the read and the CAS: there is room now.
    }
  }

  private boolean pushOverflow(ScheduledTask<?> task, int real, GlobalQueue globalQueue) {
    long expected = pack(real, real);
    long claimed = pack(real + HALF, real + HALF);
    if (casHead(expected, claimed) != expected) {
      return false;
    }
    globalQueue.pushBatch(new OverflowBatch(real, task), HALF + 1);
    return true;
  }

  /**
   * The HALF claimed slots from {@code real} on, taken in order as the global queue stores them,
   * then the task that did not fit. Owner only: the head CAS already made the slots this thread's.
   */
  private final class OverflowBatch implements Supplier<ScheduledTask<?>> {
    private final int real;
    private final ScheduledTask<?> last;
    private int taken;

    OverflowBatch(int real, ScheduledTask<?> last) {
      this.real = real;
      this.last = last;
    }

    @Override
    public ScheduledTask<?> get() {
      return taken < HALF ? takeSlot(real + taken++) : last;
    }
  }

  private ScheduledTask<?> takeSlot(int index) {
    int slot = index & MASK;
    ScheduledTask<?> task = buffer[slot];
    buffer[slot] = null;
    return task;
  }

  /** Takes the task at the front, or null. Owner only. */
  ScheduledTask<?> pop() {
    long head = lvHead();
    while (true) {
      int steal = steal(head);
      int real = real(head);
      if (real == lpTail()) {
        return null;
      }
      int nextReal = real + 1;
      long next = steal == real ? pack(nextReal, nextReal) : pack(steal, nextReal);
      long witness = casHead(head, next);
      if (witness == head) {
        return takeSlot(real);
      }
      head = witness;
    }
  }

  /**
   * Steals half of this queue's tasks (rounded up) into {@code destination}, owned by the calling
   * thread, and returns one of them to run at once.
   *
   * @param counters the calling worker's counters, which record the steal
   * @return a stolen task, or null if there was nothing to steal, another thief was active, or the
   *     destination has less than half its slots free
   */
  ScheduledTask<?> stealInto(LocalRunQueue destination, WorkerCounters counters) {
    int destinationTail = destination.lpTail();
    if (destinationTail - steal(destination.lvHead()) > HALF) {
      return null;
    }
    int count = stealInto(destination, destinationTail);
    if (count == 0) {
      return null;
    }
    counters.increment(WorkerCounters.STEAL_OPERATIONS);
    counters.add(WorkerCounters.STOLEN_TASKS, count);
    count--;
    ScheduledTask<?> taken = destination.takeSlot(destinationTail + count);
    if (count > 0) {
      destination.soTail(destinationTail + count);
    }
    return taken;
  }

  private int stealInto(LocalRunQueue destination, int destinationTail) {
    long previous = lvHead();
    int first;
    int count;
    long claimed;
    while (true) {
      int steal = steal(previous);
      int real = real(previous);
      if (steal != real) {
        return 0; // another thief is active
      }
      int available = lvTail() - real;
      count = available - available / 2;
      if (count <= 0) {
        return 0;
      }
      first = real;
      claimed = pack(steal, real + count);
      long witness = casHead(previous, claimed);
      if (witness == previous) {
        break;
      }
      previous = witness;
    }
    for (int i = 0; i < count; i++) {
      destination.buffer[(destinationTail + i) & MASK] = takeSlot(first + i);
    }
    previous = claimed;
    while (true) {
      int real = real(previous);
      long released = pack(real, real);
      long witness = casHead(previous, released);
      if (witness == previous) {
        return count;
      }
      previous = witness;
    }
  }

  /**
   * Hands each queued task to {@code visitor} without claiming it; any thread, for task dumps. The
   * slots are read without synchronisation: a task taken meanwhile may be missed, or shown though
   * it left (a finished one is skipped by the dump), and an empty slot reads as null.
   */
  void forEachForDump(Consumer<ScheduledTask<?>> visitor) {
    int real = real(lvHead());
    int count = Math.max(0, Math.min(CAPACITY, lvTail() - real));
    for (int i = 0; i < count; i++) {
      visitor.accept(buffer[(real + i) & MASK]);
    }
  }
}
