package dev.gearbox.testkit.sim;

import dev.gearbox.future.Future;
import dev.gearbox.runtime.CurrentRuntime;
import dev.gearbox.runtime.RuntimeClosedException;
import dev.gearbox.runtime.TaskDump;
import dev.gearbox.spi.FiberCarrier;
import dev.gearbox.spi.OwnedTasks;
import dev.gearbox.spi.RawTask;
import dev.gearbox.spi.RuntimeDriver;
import dev.gearbox.spi.TaskCensus;
import dev.gearbox.spi.TaskScheduler;
import dev.gearbox.spi.sched.CoopBudget;
import dev.gearbox.time.PausedClock;
import dev.gearbox.time.driver.TimerDriver;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The single thread of the simulated runtime and its run loop: a seeded choice among the ready
 * tasks, virtual time that jumps to the next timer or network event when every task waits, and the
 * deadlock check.
 */
final class SimScheduler implements TaskScheduler {
  /*
   * Implementation notes.
   *
   * Threads: every field below marked "sim thread" is touched only by the loop thread. Other
   * threads reach the loop only through `inbound` (tasks they spawned or woke) and LockSupport
   * unpark; the loop drains `inbound` into `ready` in arrival order before each choice.
   *
   * Determinism: the loop picks the next task with `random.nextInt(ready.size())` and removes it by
   * swapping with the last element, so the schedule depends only on the seed and on the order in
   * which tasks became ready, which is itself decided by the loop as long as every spawn and wake
   * happens on the loop thread (timers and network events fire on it, in (deadline, sequence)
   * order). Spawns and wakes from other threads, and spawnBlocking tasks (real threads), arrive
   * when they arrive: they work, but are outside the replay guarantee.
   *
   * Time: the clock is a PausedClock. When nothing is ready, the loop fires due timers and network
   * events; if none is due, it jumps the clock to the earliest pending one (unless a blocking task
   * runs on a real thread, which may still wake someone). With nothing pending at all, a waiting
   * blockOn is given `graceNanos` of real time for a wake from another thread, then failed with a
   * DeadlockException that lists the alive tasks.
   */
  /** The most tasks a deadlock report lists one by one; all are counted. */
  static final int DEADLOCK_LISTED = 20;

  /** The most trace events kept; later ones are counted, not kept, so a long run stays small. */
  static final int TRACE_LIMIT = 1 << 20;

  private final SimulatedRuntime runtime;
  private final long seed;
  private final SplittableRandom random;
  private final PausedClock clock;
  private final RuntimeDriver driver;
  private final OwnedTasks owned = new OwnedTasks();
  private final BooleanSupplier blockingIdle;
  private final long graceNanos;
  private final Thread thread;
  private final ConcurrentLinkedQueue<SimTask<?>> inbound = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
  private final List<SimTask<?>> alive = new ArrayList<>(); // guarded by itself
  private final List<TraceEvent> trace = new ArrayList<>(); // guarded by itself
  private long steps; // guarded by trace
  private final List<BlockOnCall<?>> blockOns = new ArrayList<>(); // guarded by itself
  private final AtomicInteger numbers = new AtomicInteger();
  private final AtomicLong polls = new AtomicLong();
  private volatile boolean stopping;

  private final ArrayList<SimTask<?>> ready = new ArrayList<>(); // sim thread
  private final PriorityQueue<Event> events = new PriorityQueue<>(); // sim thread
  private long eventSequence; // sim thread
  private SimTask<?> current; // sim thread
  private int budget; // sim thread
  private long firedAtNanos; // sim thread: the clock reading due timers were last fired at
  private SimNetwork network; // set once before start

  /** An action of the network (a delivery) due at a virtual time. */
  private record Event(long atNanos, long sequence, Runnable action) implements Comparable<Event> {
    @Override
    public int compareTo(Event other) {
      int byTime = Long.compare(atNanos, other.atNanos);
      return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }
  }

  SimScheduler(
      SimulatedRuntime runtime,
      long seed,
      PausedClock clock,
      BooleanSupplier blockingIdle,
      long graceNanos,
      String threadName) {
    this.runtime = runtime;
    this.seed = seed;
    this.random = new SplittableRandom(seed);
    this.clock = clock;
    this.driver = new RuntimeDriver(clock);
    this.blockingIdle = blockingIdle;
    this.graceNanos = graceNanos;
    this.thread = new Thread(this::loop, threadName);
    this.thread.setDaemon(true);
    clock.onAdvance(() -> LockSupport.unpark(thread));
  }

  void start(SimNetwork network) {
    this.network = network;
    thread.start();
  }

  Thread thread() {
    return thread;
  }

  /** On the loop thread, or in a fiber the simulation carries (which runs only there). */
  boolean onLoopThread() {
    Thread current = Thread.currentThread();
    return current == thread || (current.isVirtual() && FiberCarrier.carriedBy(runtime));
  }

  SplittableRandom random() {
    return random;
  }

  long nowNanos() {
    return clock.nanoTime();
  }

  /** The task being polled; sim thread only, null between polls. */
  SimTask<?> current() {
    return current;
  }

  long polls() {
    return polls.get();
  }

  OwnedTasks owned() {
    return owned;
  }

  // ---- spawning and scheduling

  <T> SimTask<T> spawn(Future<T> future, String name, SimHost host) {
    return spawn(future, name, host, false);
  }

  /** As {@link #spawn(Future, String, SimHost)}; {@code blockOn} for the task of a blockOn call. */
  <T> SimTask<T> spawn(Future<T> future, String name, SimHost host, boolean blockOn) {
    SimHost owner = host;
    if (owner == null) {
      SimTask<?> spawner = onLoopThread() ? current : null;
      owner = spawner != null ? spawner.host : network.defaultHost();
    }
    int number = numbers.incrementAndGet();
    String taskName = name != null ? name : "task-" + number;
    SimTask<T> task =
        new SimTask<>(future, this, number, taskName, SpawnSite.capture(), owner, blockOn);
    if (stopping || !owned.bind(task)) {
      throw new RuntimeClosedException(SimulatedRuntimeProvider.KIND, "spawn");
    }
    synchronized (alive) {
      alive.add(task);
    }
    record(TraceEvent.Kind.SPAWN, number);
    schedule(task);
    return task;
  }

  @Override
  public void schedule(RawTask<?> task) {
    SimTask<?> simTask = (SimTask<?>) task;
    if (onLoopThread()) {
      ready.add(simTask);
    } else {
      inbound.add(simTask);
      LockSupport.unpark(thread);
    }
  }

  @Override
  public void release(RawTask<?> task) {
    SimTask<?> simTask = (SimTask<?>) task;
    owned.remove(task);
    synchronized (alive) {
      alive.remove(simTask);
    }
    record(TraceEvent.Kind.FINISH, simTask.number);
    simTask.released.complete(null);
  }

  /** A blockOn task is joined by its caller, who may start waiting after it failed. */
  @Override
  public void unjoinedFailure(RawTask<?> task, Throwable failure) {
    if (!((SimTask<?>) task).blockOn) {
      runtime.failures().report(task, failure);
    }
  }

  @Override
  public RuntimeDriver driver() {
    return driver;
  }

  @Override
  public boolean consumeBudget() {
    if (!onLoopThread()) {
      return true;
    }
    if (budget <= 0) {
      return false;
    }
    budget--;
    return true;
  }

  /** Runs {@code action} on the loop thread at virtual time {@code atNanos}; sim thread only. */
  void at(long atNanos, Runnable action) {
    events.add(new Event(atNanos, eventSequence++, action));
  }

  /**
   * Runs {@code command} on the loop thread: at once when called there, else before the loop's next
   * choice (before any task spawned or woken after this call).
   */
  void execute(Runnable command) {
    if (onLoopThread()) {
      command.run();
    } else {
      commands.add(command);
      LockSupport.unpark(thread);
    }
  }

  void register(BlockOnCall<?> call) {
    synchronized (blockOns) {
      blockOns.add(call);
    }
    LockSupport.unpark(thread);
  }

  void unregister(BlockOnCall<?> call) {
    synchronized (blockOns) {
      blockOns.remove(call);
    }
  }

  // ---- trace

  private void record(TraceEvent.Kind kind, int task) {
    synchronized (trace) {
      if (trace.size() < TRACE_LIMIT) {
        trace.add(new TraceEvent(steps, clock.nanoTime(), task, kind));
      }
      steps++;
    }
  }

  List<TraceEvent> trace() {
    synchronized (trace) {
      return List.copyOf(trace);
    }
  }

  // ---- the loop

  private void loop() {
    CurrentRuntime.Scope scope = CurrentRuntime.enter(runtime, CurrentRuntime.Role.WORKER);
    try {
      while (!stopping) {
        drainInbound();
        if (clock.nanoTime() != firedAtNanos) {
          fireDue(); // the clock was advanced by hand: fire what it made due, even while busy
        }
        if (!ready.isEmpty()) {
          runOne();
        } else if (!fireDue() && !jumpTime()) {
          idle();
        }
      }
    } finally {
      driver.close();
      scope.close();
    }
  }

  private void drainInbound() {
    Runnable command;
    while ((command = commands.poll()) != null) {
      command.run();
    }
    SimTask<?> task;
    while ((task = inbound.poll()) != null) {
      ready.add(task);
    }
  }

  private void runOne() {
    int index = random.nextInt(ready.size());
    SimTask<?> task = ready.get(index);
    SimTask<?> last = ready.remove(ready.size() - 1);
    if (index < ready.size()) {
      ready.set(index, last);
    }
    record(TraceEvent.Kind.POLL, task.number);
    task.polls++;
    task.lastPolledNanos = clock.nanoTime();
    polls.incrementAndGet();
    current = task;
    budget = CoopBudget.PER_POLL;
    try {
      task.run();
    } finally {
      current = null;
      Thread.interrupted(); // a task's interrupt of the loop thread ends with its poll
    }
  }

  /** Fires the timers and network events that are due; true if any was. */
  private boolean fireDue() {
    long now = clock.nanoTime();
    firedAtNanos = now;
    boolean fired = driver.fireDueTimers() > 0;
    Event event;
    while ((event = events.peek()) != null && event.atNanos() <= now) {
      events.poll();
      event.action().run();
      fired = true;
    }
    return fired || !ready.isEmpty();
  }

  /** Jumps virtual time to the next timer or network event; false if there is none to wait for. */
  private boolean jumpTime() {
    if (!blockingIdle.getAsBoolean()) {
      return false; // a blocking task on a real thread may still wake someone
    }
    long next = driver.nextTimerDeadline();
    Event event = events.peek();
    if (event != null) {
      next = Math.min(next, event.atNanos());
    }
    if (next == TimerDriver.NO_DEADLINE) {
      return false;
    }
    if (clock.autoAdvanceTo(next)) {
      record(TraceEvent.Kind.TIME_JUMP, 0);
    }
    return true; // fired on the next turn (the wheel may first move the entry to a finer slot)
  }

  private void idle() {
    if (!inbound.isEmpty() || !commands.isEmpty() || stopping) {
      return;
    }
    boolean blockOnWaits;
    synchronized (blockOns) {
      blockOnWaits = !blockOns.isEmpty();
    }
    if (!blockingIdle.getAsBoolean()) {
      // a blocking task runs on a real thread: look again soon, it may have armed nothing new
      LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(10));
      return;
    }
    if (!blockOnWaits) {
      LockSupport.park(this); // an idle runtime: woken by a spawn, a wake, an advance or a stop
      return;
    }
    long deadline = System.nanoTime() + graceNanos;
    while (inbound.isEmpty() && commands.isEmpty() && !stopping) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        failDeadlocked();
        return;
      }
      LockSupport.parkNanos(this, left);
    }
  }

  private void failDeadlocked() {
    List<BlockOnCall<?>> calls;
    synchronized (blockOns) {
      calls = List.copyOf(blockOns);
      blockOns.clear();
    }
    List<SimTask<?>> waiting;
    int count;
    synchronized (alive) {
      count = alive.size();
      waiting = List.copyOf(alive.subList(0, Math.min(count, DEADLOCK_LISTED)));
    }
    TaskCensus census =
        new TaskCensus(SimulatedRuntimeProvider.KIND, runtime.name(), DEADLOCK_LISTED);
    census.addOwned(owned);
    TaskDump dump = census.finish();
    StringBuilder message =
        new StringBuilder("deadlock: blockOn can never complete; at ")
            .append(SimClockFormat.format(clock.nanoTime()))
            .append(" no task is ready, no timer or network event is pending, and ")
            .append(count)
            .append(count == 1 ? " task waits" : " tasks wait")
            .append(count > waiting.size() ? " (the first " + waiting.size() + " listed):" : ":");
    for (SimTask<?> task : waiting) {
      message.append("\n  ").append(task.report());
    }
    message.append("\n").append(summaryOf(dump));
    message.append("\n").append(Replay.hint(seed));
    for (BlockOnCall<?> call : calls) {
      call.fail(new DeadlockException(message.toString(), seed, dump));
    }
  }

  /** The summary lines of a dump's text (the counts), without its task paragraphs. */
  private static String summaryOf(TaskDump dump) {
    String text = dump.toString();
    int tasks = text.indexOf("\n\n");
    return (tasks < 0 ? text : text.substring(0, tasks)).strip();
  }

  // ---- shutdown

  void stop() {
    stopping = true;
    LockSupport.unpark(thread);
  }

  boolean awaitStopped(long deadlineNanos) throws InterruptedException {
    long left = deadlineNanos - System.nanoTime();
    if (left > 0) {
      thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
    }
    return !thread.isAlive();
  }

  boolean isStopped() {
    return !thread.isAlive() && stopping;
  }

  long seed() {
    return seed;
  }

  int pendingTimers() {
    return driver.pendingTimers();
  }
}
