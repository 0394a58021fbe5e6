package dev.gearbox.sync;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import java.util.Objects;

/**
 * A channel for one value, from one sender to one receiver (Tokio's {@code oneshot}).
 *
 * <pre>{@code
 * Oneshot.Pair<String> pair = Oneshot.channel();
 * pair.sender().send("hello");                  // from any thread
 * String value = runtime.blockOn(pair.receiver()); // or await it inside a task
 * }</pre>
 *
 * <p>Both ends are lock-free over one state word: sending, closing and receiving are a few atomic
 * operations and allocate nothing (receiving allocates the {@code Ready} that carries the value).
 * Values are never null, so {@code null} can mean "nothing yet".
 */
public final class Oneshot {
  private Oneshot() {}

  /**
   * Creates a oneshot channel: three small objects and the pair.
   *
   * @param <T> the value type
   * @return the sender and the receiver
   */
  public static <T> Pair<T> channel() {
    OneshotCell<T> cell = new OneshotCell<>();
    return new Pair<>(new Sender<>(cell), new Receiver<>(cell));
  }

  /**
   * The two ends of a oneshot channel.
   *
   * @param sender the sending end
   * @param receiver the receiving end
   * @param <T> the value type
   */
  public record Pair<T>(Sender<T> sender, Receiver<T> receiver) {}

  /**
   * The sending end: sends at most one value, or closes. Use it from one thread at a time: hand it
   * over, do not share it.
   *
   * @param <T> the value type
   */
  public static final class Sender<T> {
    private final OneshotCell<T> cell;

    private Sender(OneshotCell<T> cell) {
      this.cell = cell;
    }

    /**
     * Sends {@code value} and wakes the receiver. Lock-free: one CAS, and a wake if the receiver
     * waits. A {@code true} result means the value was handed over; a receiver may still close
     * without reading it.
     *
     * @param value the value
     * @return true if sent, false if the receiver had closed (the value is then not kept)
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalStateException if this sender already sent or closed
     */
    public boolean send(T value) {
      Objects.requireNonNull(value, "value");
      return cell.send(value);
    }

    /**
     * Whether the receiver closed or was dropped, so that {@link #send} would return false.
     *
     * @return true once the receiver is gone
     */
    public boolean isClosed() {
      return (cell.state() & OneshotCell.RECEIVER_CLOSED) != 0;
    }

    /**
     * Tells the receiver that no value will come: its await throws {@link ChannelClosedException}.
     * Does nothing after a send or a previous close.
     */
    public void close() {
      cell.closeSender();
    }
  }

  /**
   * The receiving end, itself the future of the value: ready with the value, or throwing {@link
   * ChannelClosedException} if the sender closed without sending. Polled by one task at a time.
   *
   * @param <T> the value type
   */
  public static final class Receiver<T> implements Future<T> {
    private final OneshotCell<T> cell;

    private Receiver(OneshotCell<T> cell) {
      this.cell = cell;
    }

    /**
     * Ready with the value once it was sent; otherwise registers the waker and is Pending. Costs a
     * volatile read when the value is there, and up to two CAS to (re)register a waker.
     *
     * @param cx the polling context, whose waker the sender wakes
     * @return Ready with the value, or Pending
     * @throws ChannelClosedException if the sender closed without a value, the receiver closed
     *     before one came, or the value was already received
     */
    @Override
    public Poll<T> poll(Context cx) {
      if (!cx.proceedOrYield()) {
        cx.waitingIn("Oneshot.receive");
        return Poll.pending();
      }
      T value = cell.takeOrRegister(cx.waker());
      if (value == null) {
        cx.waitingIn("Oneshot.receive");
        return Poll.pending();
      }
      return Poll.ready(value);
    }

    /**
     * Takes the value if it was sent, without waiting.
     *
     * @return the value, or null if none was sent yet
     * @throws ChannelClosedException if none will come: the sender closed, the receiver closed
     *     before a value came, or the value was already received
     */
    public T tryReceive() {
      return cell.tryTake();
    }

    /**
     * Closes the receiving end: later sends return false. A value sent before the close can still
     * be taken with {@link #tryReceive()} or a poll.
     */
    public void close() {
      cell.closeReceiver(false);
    }

    /** Closes the receiving end and discards a value that was sent and not received. */
    @Override
    public void drop() {
      cell.closeReceiver(true);
    }
  }
}
