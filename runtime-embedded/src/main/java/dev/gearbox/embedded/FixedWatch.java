package dev.gearbox.embedded;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import java.util.Objects;

/**
 * A value that changes, watched by up to {@code maxReceivers} receivers (Embassy's {@code Watch}):
 * each receiver sees the latest value once per change; changes it missed in between are skipped.
 * Receivers are made up front ({@link #receiver()}), up to a fixed number; sending and waiting
 * allocate nothing, unlike {@link dev.gearbox.sync.Watch}, the API's watch. Thread-safe.
 *
 * @param <T> the value type
 */
public final class FixedWatch<T> {
  private final FixedWatch<?>.Receiver[] receivers;
  private T value;
  private long version;

  /**
   * Creates a watch with no value and room for {@code maxReceivers} receivers.
   *
   * @param maxReceivers at least 1
   * @throws IllegalArgumentException if less than 1
   */
  public FixedWatch(int maxReceivers) {
    if (maxReceivers < 1) {
      throw new IllegalArgumentException(
          "a FixedWatch needs room for at least 1 receiver, got " + maxReceivers);
    }
    receivers = new FixedWatch<?>.Receiver[maxReceivers];
  }

  /**
   * Replaces the value and wakes every receiver waiting for a change; any thread.
   *
   * @param newValue the value, not null
   */
  public synchronized void send(T newValue) {
    value = Objects.requireNonNull(newValue, "value");
    version++;
    for (FixedWatch<?>.Receiver receiver : receivers) {
      if (receiver != null) {
        receiver.waiters.wakeAll();
      }
    }
  }

  /**
   * The current value.
   *
   * @return the value, or null if none was sent
   */
  public synchronized T get() {
    return value;
  }

  /**
   * Makes a receiver that has seen nothing yet: its first wait returns the current value, if any.
   *
   * @return the receiver
   * @throws IllegalStateException if {@code maxReceivers} receivers are open
   */
  public synchronized Receiver receiver() {
    for (int i = 0; i < receivers.length; i++) {
      if (receivers[i] == null) {
        Receiver receiver = new Receiver(i);
        receivers[i] = receiver;
        return receiver;
      }
    }
    throw new IllegalStateException(
        "this FixedWatch has all its "
            + receivers.length
            + " receivers open; close one, or create the"
            + " FixedWatch with a larger maxReceivers");
  }

  /** One watcher of the value; close it to free its place. */
  public final class Receiver implements AutoCloseable {
    private final int index;
    private final WakerSet waiters = new WakerSet(1);
    private long seen;

    private Receiver(int index) {
      this.index = index;
    }

    /**
     * The value if it changed since this receiver last saw it, or registers the task to be woken at
     * the next change.
     *
     * @param cx the polling task's context
     * @return the new value, or null (the task will be woken)
     */
    public T pollChanged(Context cx) {
      synchronized (FixedWatch.this) {
        T changed = tryChanged();
        if (changed == null) {
          waiters.register(cx.waker());
        }
        return changed;
      }
    }

    /**
     * The value if it changed since this receiver last saw it.
     *
     * @return the new value, or null
     */
    public T tryChanged() {
      synchronized (FixedWatch.this) {
        if (value == null || seen == version) {
          return null;
        }
        seen = version;
        return value;
      }
    }

    /**
     * A future of the next change; allocates the future.
     *
     * @return the future
     */
    public Future<T> changed() {
      return cx -> {
        T changed = pollChanged(cx);
        return changed == null ? Poll.pending() : Poll.ready(changed);
      };
    }

    /** Frees this receiver's place. */
    @Override
    public void close() {
      synchronized (FixedWatch.this) {
        if (receivers[index] == this) {
          receivers[index] = null;
        }
      }
    }
  }
}
