package dev.gearbox.io.driver;

import dev.gearbox.future.Context;
import dev.gearbox.future.Waker;
import java.io.IOException;
import java.nio.channels.SelectableChannel;

/**
 * A channel registered with a {@link Reactor}: through it a future asks to be woken when the
 * channel becomes readable or writable.
 *
 * <p>Readiness is edge-like, as in mio and Tokio: a future tries its non-blocking operation first;
 * when the operation would block, it calls {@link #clearReadiness} and then {@link #pollReadable}
 * or {@link #pollWritable}, which either reports that an event arrived in between ({@code true}:
 * try again) or stores the waker and arms interest ({@code false}: return Pending). The event that
 * wakes the waker also disarms the interest, so an idle channel costs nothing in the selector.
 *
 * <p>One waker is kept per direction (the most recent wins), so at most one task should wait to
 * read and one to write at a time, as with Tokio's {@code poll_read}/{@code poll_write}. Every
 * method is thread-safe and cheap: a lock-free read when readiness is already known, otherwise a
 * short lock and, when interest changes, a queued change for the driving thread.
 */
public interface Registration {

  /**
   * The registered channel.
   *
   * @return the channel
   */
  SelectableChannel channel();

  /**
   * Whether a readable event (data, a pending connection, end of stream, an error) arrived since
   * the last {@link #clearReadiness clearReadiness(READABLE)}; if not, stores {@code cx.waker()}
   * and arms read interest, so that the waker is woken once the channel is readable.
   *
   * @param cx the context of the polling future
   * @return true if the channel is ready to read now, false if the waker is stored
   * @throws IOException if the registration was deregistered or closed, or the reactor closed
   *     ("reactor closed")
   */
  boolean pollReadable(Context cx) throws IOException;

  /**
   * Whether a writable event (room to write, a finished connection attempt, an error) arrived since
   * the last {@link #clearReadiness clearReadiness(WRITABLE)}; if not, stores {@code cx.waker()}
   * and arms write interest (and connect interest while a connection is pending).
   *
   * @param cx the context of the polling future
   * @return true if the channel is ready to write now, false if the waker is stored
   * @throws IOException if the registration was deregistered or closed, or the reactor closed
   *     ("reactor closed")
   */
  boolean pollWritable(Context cx) throws IOException;

  /**
   * Forgets a readiness event, after the operation it announced would block.
   *
   * @param interest the direction to clear
   */
  void clearReadiness(Interest interest);

  /**
   * Removes {@code waker} from the direction it waits on, if it is still the stored one; for {@link
   * dev.gearbox.future.Future#drop()} of a pending future.
   *
   * @param interest the direction the future waited on
   * @param waker the waker the future stored; {@code null} does nothing
   */
  void releaseWaker(Interest interest, Waker waker);

  /**
   * Stops watching the channel without closing it: waiting futures are woken and their next poll of
   * this registration fails; the selection key is cancelled by the driving thread and flushed at
   * its next turn, after which the channel may be registered again. Idempotent.
   */
  void deregister();

  /**
   * Deregisters and closes the channel: when this returns, the selection key has been flushed from
   * the selector and the channel closed, so its descriptor is released and its port free. The
   * calling thread does it when no thread is driving the reactor; otherwise it wakes the driving
   * thread and waits for it (about one selector wakeup). From a waker running inside the driving
   * thread's turn, it returns at once and the next turn closes the channel. Idempotent.
   */
  void close();
}
