package dev.gearbox.runtime;

/**
 * The runtime that owns the current thread, for {@link Runtime#current()}. A runtime enters its
 * threads once (a worker for its whole life, a caller for the length of {@code blockOn}), so polls
 * pay nothing for it.
 *
 * <p>For runtime implementations: applications ask {@link Runtime#current()}. It lives here, not in
 * {@code dev.gearbox.spi}, because {@code Runtime.current()} reads it and {@code runtime} lies
 * below {@code spi}.
 */
public final class CurrentRuntime {
  private static final ThreadLocal<Frame> CURRENT = new ThreadLocal<>();

  private CurrentRuntime() {}

  /** What a thread is to its runtime. */
  public enum Role {
    /** Polls tasks: must not block. */
    WORKER,
    /** Runs blocking work: may block, for example in {@code JoinHandle.join()}. */
    BLOCKING,
    /** A fiber of the runtime: blocking parks the fiber, not a worker, so it may block. */
    FIBER
  }

  private record Frame(Runtime runtime, Role role) {}

  /**
   * A thread that belongs to one runtime for its whole life, such as a worker: {@link #get()} asks
   * the thread itself, with no {@code ThreadLocal} lookup, which matters on paths such as {@code
   * Task.spawn}. Such a thread still {@linkplain #enter enters} its runtime, for {@link
   * #checkMayBlock}, and enters no other.
   */
  public interface Carrier {
    /**
     * The runtime this thread belongs to.
     *
     * @return the runtime, never null
     */
    Runtime carriedRuntime();

    /**
     * Offers this thread, which must be the current one, an unpark of {@code thread} to issue a
     * little later instead of now: a {@code dev.gearbox.spi.ParkingWaker} woken on a runtime's
     * worker asks first, so that a worker busy completing many tasks one thread awaits (a {@code
     * blockOn} joining their handles in turn) wakes that thread once for several completions, not
     * once for each. A carrier that takes the unpark must issue it within a bounded delay, and
     * before it parks or ends. By default it declines.
     *
     * @param thread the thread to unpark
     * @return true if this carrier will unpark {@code thread}; false to unpark it now
     */
    default boolean deferUnpark(Thread thread) {
      return false;
    }
  }

  /** Restores the previous state of the thread when closed. */
  public static final class Scope implements AutoCloseable {
    private final Frame previous;

    private Scope(Frame previous) {
      this.previous = previous;
    }

    @Override
    public void close() {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }

  /**
   * Marks the current thread as belonging to {@code runtime} until the scope is closed.
   *
   * @param runtime the runtime
   * @param role what the thread does for it
   * @return the scope to close when the thread leaves the runtime
   */
  public static Scope enter(Runtime runtime, Role role) {
    Frame previous = CURRENT.get();
    CURRENT.set(new Frame(runtime, role));
    return new Scope(previous);
  }

  /**
   * The runtime of the current thread.
   *
   * @return the runtime, or null outside every runtime
   */
  public static Runtime get() {
    if (Thread.currentThread() instanceof Carrier carrier) {
      return carrier.carriedRuntime();
    }
    Frame frame = CURRENT.get();
    return frame == null ? null : frame.runtime();
  }

  /**
   * Whether the current thread may block: false on a thread that polls tasks.
   *
   * @return true unless the current thread is a worker of a runtime
   */
  public static boolean mayBlock() {
    Frame frame = CURRENT.get();
    return frame == null || frame.role() != Role.WORKER;
  }

  /**
   * Fails if the current thread polls tasks, where blocking would stall a runtime.
   *
   * @param operation the blocking call, for the message
   * @throws IllegalStateException on a worker thread
   */
  public static void checkMayBlock(String operation) {
    Frame frame = CURRENT.get();
    if (frame != null && frame.role() == Role.WORKER) {
      throw new IllegalStateException(
          operation
              + " would block thread '"
              + Thread.currentThread().getName()
              + "', which polls tasks of runtime '"
              + frame.runtime().kind()
              + "'; await the future inside the task instead");
    }
  }
}
