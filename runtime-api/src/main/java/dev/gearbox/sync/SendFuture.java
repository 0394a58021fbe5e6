package dev.gearbox.sync;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Waker;

/**
 * The future of one {@link Channel.Sender#send}: it is also its own node in the channel's intrusive
 * list of waiting senders, so waiting allocates nothing beyond the future.
 *
 * <p>Every field except {@code channel} is guarded by the channel's lock; the channel's methods
 * read and write them.
 *
 * @param <T> the message type
 */
final class SendFuture<T> implements Future<Void> {

  /** Where a send stands. */
  enum State {
    /** Not polled yet, or detached from the waiter list by a close. */
    IDLE,
    /** In the waiter list, waiting for a slot. */
    QUEUED,
    /** A slot was reserved for it; the next poll delivers the message. */
    GRANTED,
    /** Delivered, failed or dropped: finished. */
    DONE
  }

  final BoundedChannel<T> channel;
  T message;
  State state = State.IDLE;
  Waker waker;
  SendFuture<T> previous;
  SendFuture<T> next;

  SendFuture(BoundedChannel<T> channel, T message) {
    this.channel = channel;
    this.message = message;
  }

  @Override
  public Poll<Void> poll(Context cx) {
    if (!cx.proceedOrYield()) {
      cx.waitingIn("Channel.send");
      return Poll.pending();
    }
    return channel.pollSend(this, cx.waker()) ? Poll.ready() : Poll.pending();
  }

  @Override
  public void drop() {
    channel.dropSend(this);
  }
}
