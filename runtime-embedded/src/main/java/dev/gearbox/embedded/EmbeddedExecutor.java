package dev.gearbox.embedded;

import dev.gearbox.runtime.TaskDump;
import dev.gearbox.spi.RuntimeDriver;
import dev.gearbox.spi.TaskCensus;
import dev.gearbox.spi.jfr.SlowPolls;
import dev.gearbox.spi.jfr.WorkerParks;
import dev.gearbox.spi.sched.CoopBudget;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A cooperative executor on one thread (Embassy's {@code Executor}): tasks from {@link TaskPool}s,
 * spawned through its {@link #spawner()}, polled in batches. The executor takes the whole run queue
 * and polls each task in it once, so every ready task runs once before any runs twice; a task woken
 * meanwhile runs in the next batch. Idle, it parks until the next timer deadline or a wake: no
 * spinning.
 *
 * <p>Run it on a thread of its own with {@link #start(int)} (several executors at different
 * priorities are Embassy's {@code InterruptExecutor}s), on the calling thread with {@link #run()},
 * or step it by hand with {@link #runUntilIdle()} (deterministic tests with a {@link
 * ManualTimeDriver}). Polling, waking and timers allocate nothing.
 *
 * <p>Named apart from {@link java.util.concurrent.Executor} and from {@code runtime-minimal}'s
 * {@code SharedExecutor}, a multi-threaded executor that borrows its callers' threads.
 */
public final class EmbeddedExecutor implements AutoCloseable {
  /*
   * Implementation notes: after Embassy's raw/mod.rs. A wake from another thread sets the task's
   * queued bit and pushes it on the intrusive RunQueue; only a push that found the queue empty
   * signals the executor (`pend`), and only while it is `sleeping`. A wake or spawn of a task of
   * the `embedded` runtime on the executor thread itself (a task waking or spawning another)
   * appends to the queue's plain local list instead: no CAS and no signal, since the executor is
   * awake. Pooled tasks (PoolSlot) always take the stack, the path ZeroAllocationTest proves
   * allocation-free for them (why not the local list: docs/decisions/0009). The loop takes the
   * whole queue (one getAndSet when the stack is not empty), polls each task once, fires
   * due timers, and, with nothing queued, announces `sleeping`, fires due timers once more,
   * re-checks the queue and parks until the earliest timer. The announce-then-check order against
   * the pusher's push-then-read (both volatile) is Dekker's: either the executor sees the task or
   * the pusher sees `sleeping` and signals. When run() ends, `ended` is set and the queue drained
   * (TaskNode.abandoned), a second Dekker pair with the pushers that read hasEnded(). Between
   * close() and the end of the loop (which a runtime's IdleStep may delay, see
   * keepRunningAfterClose) a batch abandons what it takes instead of polling it: a closed
   * executor's tasks are cancelled, never polled against drivers that are closing.
   *
   * Interrupts: the thread's interrupt status is cleared after each poll, so a task that leaves it
   * set hands it neither to the next task nor to the idle step (whose park or select would return
   * at once, a spinning executor).
   *
   * Fields: `thread` is written when a thread starts running the executor; `timers`, `budget`,
   * the run queue's local list and every task's timer links belong to that thread. `closed`,
   * `ended` and `sleeping` are volatile. The metric counters `polls`, `parks` and `slowPolls` are
   * written by that thread alone with opaque stores (polls once per batch) and read by any thread
   * with opaque loads: a reader sees an untorn, recent value, and the writer pays no atomic
   * instruction; the writer reads them plainly, being their only writer.
   */
  private static final VarHandle POLLS;
  private static final VarHandle PARKS;
  private static final VarHandle SLOW_POLLS;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      POLLS = lookup.findVarHandle(EmbeddedExecutor.class, "polls", long.class);
      PARKS = lookup.findVarHandle(EmbeddedExecutor.class, "parks", long.class);
      SLOW_POLLS = lookup.findVarHandle(EmbeddedExecutor.class, "slowPolls", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String name;
  private final TimeDriver time;
  private final IdleStep idle;
  private final RuntimeDriver driver;
  private final RunQueue runQueue = new RunQueue();
  private final TimerQueue timers = new TimerQueue();
  private final Spawner spawner = new Spawner(this);
  private final CopyOnWriteArrayList<TaskPool<?>> pools = new CopyOnWriteArrayList<>();
  private volatile Thread thread;
  private volatile boolean sleeping;
  private volatile boolean closed;
  private volatile boolean ended;
  private int budget = CoopBudget.PER_POLL;
  private boolean inRun;

  /** The node inside its poll and the rest of its batch, for task dumps; executor thread writes. */
  private TaskNode polling;

  private TaskNode batchRest;
  private long polls; // through POLLS from other threads
  private long parks; // through PARKS from other threads
  private long slowPolls; // through SLOW_POLLS from other threads

  /**
   * Creates an executor on the shared {@link SystemTimeDriver}.
   *
   * @param name a name for diagnostics and for the thread {@link #start(int)} makes
   */
  public EmbeddedExecutor(String name) {
    this(name, SystemTimeDriver.shared());
  }

  /**
   * Creates an executor on {@code time}.
   *
   * @param name a name for diagnostics and for the thread {@link #start(int)} makes
   * @param time the time driver of its timers
   */
  public EmbeddedExecutor(String name, TimeDriver time) {
    this(name, time, IdleStep.PARK_THREAD, null);
  }

  EmbeddedExecutor(String name, TimeDriver time, IdleStep idle, RuntimeDriver driver) {
    this.name = Objects.requireNonNull(name, "name");
    this.time = Objects.requireNonNull(time, "time");
    this.idle = idle;
    this.driver = driver;
    time.onAdvance(this::timeAdvanced);
  }

  /**
   * The thread-safe spawner of this executor.
   *
   * @return the spawner
   */
  public Spawner spawner() {
    return spawner;
  }

  /**
   * The executor's time driver.
   *
   * @return the driver
   */
  public TimeDriver timeDriver() {
    return time;
  }

  /**
   * The executor's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Starts a daemon thread named after the executor, at {@code priority}, that runs it until {@link
   * #close()}: the analogue of an executor run in an interrupt handler of that priority. The JVM
   * maps the priority to the operating system's as it can (on Linux, usually not at all without
   * privileges): priorities order threads, they do not preempt as interrupts do.
   *
   * @param priority from {@link Thread#MIN_PRIORITY} to {@link Thread#MAX_PRIORITY}
   * @return the started thread
   * @throws IllegalArgumentException if the priority is out of range
   */
  public Thread start(int priority) {
    if (priority < Thread.MIN_PRIORITY || priority > Thread.MAX_PRIORITY) {
      throw new IllegalArgumentException(
          "priority "
              + priority
              + " is outside "
              + Thread.MIN_PRIORITY
              + "–"
              + Thread.MAX_PRIORITY);
    }
    Thread started =
        Thread.ofPlatform().name(name).daemon().priority(priority).unstarted(this::run);
    started.start();
    return started;
  }

  /**
   * Runs the executor on the calling thread until {@link #close()}.
   *
   * @throws IllegalStateException if another thread runs it
   */
  public void run() {
    bind();
    inRun = true;
    try {
      while (!closed || idle.keepRunningAfterClose()) {
        if (runBatch() > 0) {
          continue;
        }
        sleeping = true;
        fireDueTimers();
        if (runQueue.isEmpty() && (!closed || idle.keepRunningAfterClose())) {
          PARKS.setOpaque(this, parks + 1);
          Object parkEvent = WorkerParks.begin(); // JFR
          idle.park(this, time.nanosUntil(timers.earliest()));
          WorkerParks.end(parkEvent, EmbeddedRuntimeProvider.KIND);
        }
        sleeping = false;
      }
    } finally {
      inRun = false;
      ended = true;
      abandonQueued();
      releasePools();
    }
  }

  /**
   * Tells each node still queued that the loop ended; a node queued by another thread after this is
   * handled by that thread, which reads {@link #hasEnded()} after its push.
   */
  private void abandonQueued() {
    TaskNode node;
    while ((node = runQueue.takeAll()) != null) { // an abandoned task may wake another
      while (node != null) {
        TaskNode next = node.runNext();
        node.runNext(null);
        node.abandoned();
        node = next;
      }
    }
  }

  /**
   * Steps the executor on the calling thread: fires due timers and runs batches until no task is
   * ready, then returns. For executors driven by hand, such as under a {@link ManualTimeDriver}.
   *
   * @return the number of polls
   * @throws IllegalStateException if another thread runs the executor, or it is closed
   */
  public long runUntilIdle() {
    if (closed) {
      throw new IllegalStateException("executor '" + name + "' is closed");
    }
    bind();
    long before = polls;
    while (runBatch() > 0) {
      // a batch's wakes, and the timers due meanwhile, make the next batch
    }
    return polls - before;
  }

  private void bind() {
    Thread current = Thread.currentThread();
    Thread owner = thread;
    if (owner != null && owner != current && owner.isAlive()) {
      throw new IllegalStateException(
          "executor '"
              + name
              + "' is run by thread '"
              + owner.getName()
              + "', not by '"
              + current.getName()
              + "'");
    }
    thread = current;
  }

  /** Fires due timers, then polls each queued task once; returns the number polled. */
  private int runBatch() {
    fireDueTimers();
    TaskNode node = runQueue.takeAll();
    int polled = 0;
    while (node != null) {
      TaskNode next = node.runNext(); // read first: a wake during the poll relinks the node
      node.runNext(null);
      if (closed) {
        node.abandoned(); // nothing is polled after close: see the notes
        node = next;
        continue;
      }
      budget = CoopBudget.PER_POLL;
      polling = node;
      batchRest = next;
      long start = SlowPolls.pollStarted(); // JFR; 0 unless a recording times polls
      Class<?> futureClass = start == 0 ? null : node.futureClass();
      node.runFromQueue(this);
      if (SlowPolls.pollEnded(start, EmbeddedRuntimeProvider.KIND, node, futureClass)) {
        SLOW_POLLS.setOpaque(this, slowPolls + 1);
      }
      Thread.interrupted(); // a task's interrupt of this thread ends with its poll: see the notes
      polled++;
      node = next;
    }
    polling = null;
    batchRest = null;
    if (polled > 0) {
      POLLS.setOpaque(this, polls + polled);
      idle.afterBatch(polled);
    }
    return polled;
  }

  private void fireDueTimers() {
    if (timers.size() > 0) {
      timers.fireDue(time.now());
    }
  }

  /**
   * Queues a woken or spawned pooled task; any thread. Signals the executor if it may be asleep.
   */
  void enqueue(TaskNode node) {
    if (runQueue.push(node) && sleeping && Thread.currentThread() != thread) {
      idle.signal(this);
    }
  }

  /**
   * Queues a woken or spawned task of the {@code embedded} runtime; any thread. On the executor
   * thread it joins the executor's own list (no atomic operation); from another thread it is pushed
   * with one CAS, and the executor is signalled if the queue was empty and it may be asleep.
   */
  void enqueueRuntimeTask(TaskNode node) {
    if (Thread.currentThread() == thread) {
      runQueue.pushLocal(node);
    } else if (runQueue.push(node) && sleeping) {
      idle.signal(this);
    }
  }

  /** The time driver moved by hand: wake to fire due timers. */
  private void timeAdvanced() {
    if (sleeping) {
      idle.signal(this);
    }
  }

  /** Makes {@code node} wake at {@code deadline} at the latest; executor thread only. */
  void scheduleWake(TaskNode node, long deadline) {
    checkOnExecutorThread("a TickTimer");
    timers.schedule(node.timerLinks(), deadline);
  }

  /** Unlinks a finished pooled task's timer entry; executor thread only. */
  void forgetTimer(TaskNode node) {
    timers.remove(node.timerLinks());
  }

  void checkOnExecutorThread(String what) {
    if (Thread.currentThread() != thread) {
      throw new IllegalStateException(
          what
              + " of executor '"
              + name
              + "' was polled on thread '"
              + Thread.currentThread().getName()
              + "', not on the executor's thread");
    }
  }

  /** Spends one unit of the running task's cooperative budget; executor thread. */
  boolean consumeBudget() {
    return budget-- > 0;
  }

  /** Remembers a pool spawned into, so close() frees its slots that run here. */
  void usePool(TaskPool<?> pool) {
    if (!pools.contains(pool)) {
      pools.addIfAbsent(pool);
    }
  }

  private void releasePools() {
    for (TaskPool<?> pool : pools) {
      pool.releaseAll(this);
    }
  }

  Thread thread() {
    return thread;
  }

  RuntimeDriver driver() {
    return driver;
  }

  boolean runQueueIsEmpty() {
    return runQueue.isEmpty();
  }

  long earliestTimer() {
    return timers.earliest();
  }

  int pendingTimers() {
    return timers.size();
  }

  /**
   * Polls made so far, counted at the end of each batch; a recent value when read from another
   * thread.
   *
   * @return the count
   */
  public long polls() {
    return (long) POLLS.getOpaque(this);
  }

  /** Polls a JFR recording reported slow; a recent value from any thread. */
  long slowPolls() {
    return (long) SLOW_POLLS.getOpaque(this);
  }

  /** Times the executor went idle (parked until a timer or a wake); a recent value, any thread. */
  long parks() {
    return (long) PARKS.getOpaque(this);
  }

  /**
   * Whether {@link #run()} ended (after {@link #close()}) and dropped its queue: a node queued
   * since is polled by nobody. Read after a push from another thread, this and the loop's drain
   * form a Dekker pair (both sides write, then read, volatile state), so either the drain sees the
   * node or the pusher sees true.
   */
  boolean hasEnded() {
    return ended;
  }

  /**
   * Whether {@link #close()} was called.
   *
   * @return true once closed
   */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Stops the executor: its thread leaves {@link #run()} after the poll in progress, and the tasks
   * spawned on it end (their bodies are {@link TaskBody#reset() reset} and their pool slots freed).
   * Spawning on it afterwards fails. Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    idle.signal(this);
    Thread owner = thread;
    if (owner == null || (owner == Thread.currentThread() && !inRun) || !owner.isAlive()) {
      releasePools(); // nobody runs the loop that would release them when it ends
    }
  }

  @Override
  public String toString() {
    return "EmbeddedExecutor[" + name + (closed ? ", closed]" : "]");
  }

  /**
   * A dump of the pooled tasks ({@link TaskPool}) alive on this executor, as {@link
   * dev.gearbox.runtime.Runtime#dumpTasks()} is of a runtime's tasks: counts by state and by leaf,
   * and the first {@value TaskDump#DEFAULT_LIMIT} listed, each with its slot's index in its pool as
   * its id and the pool's name as its name. See {@link #dumpTasks(int)}.
   *
   * @return the dump
   */
  public TaskDump dumpTasks() {
    return dumpTasks(TaskDump.DEFAULT_LIMIT);
  }

  /**
   * A dump of the pooled tasks alive on this executor, listing the first {@code limit}: a walk over
   * the slots of the pools spawned into on this executor, from any thread, without stopping it
   * (each slot is read once, without synchronisation). It allocates only for the listed tasks.
   *
   * @param limit the most tasks to list, 0 or more
   * @return the dump
   * @throws IllegalArgumentException if {@code limit} is negative
   */
  public TaskDump dumpTasks(int limit) {
    TaskCensus census = new TaskCensus(EmbeddedRuntimeProvider.KIND, name, limit);
    censusPooled(census);
    return census.finish();
  }

  /** Counts the pooled tasks alive on this executor in {@code census}; any thread. */
  void censusPooled(TaskCensus census) {
    TaskNode current = polling;
    for (TaskPool<?> pool : pools) {
      pool.censusOn(this, current, census);
    }
  }

  /**
   * Hands the nodes this executor holds to {@code visitor}, for task dumps; any thread, without
   * synchronisation: the node inside its poll, the rest of the batch being run, and the run queue,
   * each walk bounded by {@code max} nodes.
   */
  void forEachForDump(Consumer<TaskNode> visitor, int max) {
    TaskNode current = polling;
    if (current != null) {
      visitor.accept(current);
    }
    TaskWalk.walk(batchRest, visitor, max);
    runQueue.forEachForDump(visitor, max);
  }
}
