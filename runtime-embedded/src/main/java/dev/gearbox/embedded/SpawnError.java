package dev.gearbox.embedded;

/**
 * A spawn into a full task pool (Embassy's {@code SpawnError::Busy}): every task of the pool is
 * alive. Nothing was allocated or started; spawn again once a task of the pool ended, or declare
 * the pool larger.
 */
public final class SpawnError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The pool's name. */
  private final String pool;

  /** The pool's size. */
  private final int size;

  /**
   * Creates the error.
   *
   * @param pool the name of the full pool
   * @param size how many tasks it holds
   * @param remedy what to do about it, for the message
   */
  public SpawnError(String pool, int size, String remedy) {
    super("task pool '" + pool + "' is busy: all " + size + " of its tasks are alive; " + remedy);
    this.pool = pool;
    this.size = size;
  }

  /**
   * The name of the full pool.
   *
   * @return the name
   */
  public String pool() {
    return pool;
  }

  /**
   * How many tasks the pool holds.
   *
   * @return its size
   */
  public int size() {
    return size;
  }
}
