package dev.gearbox.sync;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;

/**
 * The future of {@link Channel.Receiver#receive()}. It holds no state of its own (the receiver's
 * waker lives in the channel), so each receiver keeps one and hands it out on every call.
 *
 * @param <T> the message type
 */
final class ReceiveFuture<T> implements Future<T> {
  private final MpscCore<T> channel;

  ReceiveFuture(MpscCore<T> channel) {
    this.channel = channel;
  }

  @Override
  public Poll<T> poll(Context cx) {
    if (!cx.proceedOrYield()) {
      cx.waitingIn("Channel.receive");
      return Poll.pending();
    }
    Object next = channel.pollReceive(cx.waker());
    if (next == null) {
      cx.waitingIn("Channel.receive");
      return Poll.pending();
    }
    if (next == MpscCore.END_OF_STREAM) {
      return Poll.ready();
    }
    @SuppressWarnings("unchecked")
    T message = (T) next;
    return Poll.ready(message);
  }

  /** Releases the registered waker; no message is lost, since messages leave only on Ready. */
  @Override
  public void drop() {
    channel.dropReceiverWaker();
  }
}
