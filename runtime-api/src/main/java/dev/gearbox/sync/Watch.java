package dev.gearbox.sync;

import dev.gearbox.future.Future;
import java.util.Objects;

/**
 * A single-value channel that keeps only the latest value (Tokio's {@code watch}): the sender
 * replaces the value, and any number of receivers read it and await its next change. Receivers see
 * the latest value, not every value: intermediate values may be skipped.
 *
 * <pre>{@code
 * Watch.Pair<Config> config = Watch.channel(initial);
 * config.sender().send(reloaded);
 * Future<Void> changed = config.receiver().changed(); // then config.receiver().borrowAndUpdate()
 * }</pre>
 *
 * <p>Fairness: a send wakes every waiting receiver, in the order they started waiting.
 * Cancellation: a dropped {@code changed()} future leaves the queue and marks nothing as seen, so
 * the change is still reported to the next {@code changed()}.
 *
 * <p>Cost: reading is a volatile read; a send takes the lock once, allocates one small snapshot,
 * and wakes the waiters after releasing the lock. Values are never null.
 */
public final class Watch {
  private Watch() {}

  /**
   * Creates a watch channel holding {@code initial}; the first receiver has seen it.
   *
   * @param initial the first value
   * @param <T> the value type
   * @return the sender and a first receiver
   * @throws NullPointerException if {@code initial} is null
   */
  public static <T> Pair<T> channel(T initial) {
    Objects.requireNonNull(initial, "initial");
    WatchState<T> state = new WatchState<>(initial);
    return new Pair<>(new Sender<>(state), new Receiver<>(state));
  }

  /**
   * The two ends of a watch channel.
   *
   * @param sender the sending end
   * @param receiver the first receiver; make more with {@link Sender#subscribe()}
   * @param <T> the value type
   */
  public record Pair<T>(Sender<T> sender, Receiver<T> receiver) {}

  /**
   * The sending end. Thread-safe.
   *
   * @param <T> the value type
   */
  public static final class Sender<T> {
    private final WatchState<T> state;

    private Sender(WatchState<T> state) {
      this.state = state;
    }

    /**
     * Replaces the value and wakes every receiver waiting for a change.
     *
     * @param value the new value
     * @throws NullPointerException if {@code value} is null
     * @throws ChannelClosedException if the sender was closed
     */
    public void send(T value) {
      Objects.requireNonNull(value, "value");
      state.send(value);
    }

    /**
     * The current value.
     *
     * @return the latest value sent, or the initial one
     */
    public T borrow() {
      return state.snapshot().value();
    }

    /**
     * A new receiver that has seen the current value.
     *
     * @return the receiver
     */
    public Receiver<T> subscribe() {
      return new Receiver<>(state);
    }

    /**
     * Closes the channel: waiting and later {@code changed()} calls fail with {@link
     * ChannelClosedException} once the receiver has seen the last value. Idempotent.
     */
    public void close() {
      state.close();
    }
  }

  /**
   * A receiving end: one task at a time polls it. It remembers which version it has seen.
   *
   * @param <T> the value type
   */
  public static final class Receiver<T> {
    final WatchState<T> state;
    long seenVersion;

    private Receiver(WatchState<T> state) {
      this.state = state;
      this.seenVersion = state.snapshot().version();
    }

    /**
     * The current value, without marking it seen.
     *
     * @return the latest value
     */
    public T borrow() {
      return state.snapshot().value();
    }

    /**
     * The current value, marking it seen: {@link #changed()} then waits for a newer one.
     *
     * @return the latest value
     */
    public T borrowAndUpdate() {
      WatchState.Snapshot<T> current = state.snapshot();
      seenVersion = current.version();
      return current.value();
    }

    /**
     * Whether a value newer than the last one seen was sent.
     *
     * @return true if {@link #changed()} would complete at once
     */
    public boolean hasChanged() {
      return state.snapshot().version() != seenVersion;
    }

    /**
     * A future that completes once a value newer than the last one seen is there, and marks it
     * seen; read it with {@link #borrow()}.
     *
     * @return the future; it throws {@link ChannelClosedException} if the sender closed and no
     *     unseen value remains
     */
    public Future<Void> changed() {
      return new WatchChanged<>(this);
    }

    /**
     * A new receiver that has seen what this one has.
     *
     * @return the copy
     */
    public Receiver<T> copy() {
      Receiver<T> copy = new Receiver<>(state);
      copy.seenVersion = seenVersion;
      return copy;
    }
  }
}
