package dev.gearbox.sync;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import java.util.List;

/**
 * The future of {@link Channel.Receiver#receiveMany}: waits for at least one message, then moves up
 * to {@code limit} buffered messages into the caller's list, in order. Ready with how many it
 * moved, 0 only at the end of the stream. Messages leave the channel only in the poll that returns
 * Ready, so dropping it loses none.
 *
 * @param <T> the message type
 */
final class ReceiveManyFuture<T> implements Future<Integer> {
  private final MpscCore<T> channel;
  private final List<? super T> buffer;
  private final int limit;

  ReceiveManyFuture(MpscCore<T> channel, List<? super T> buffer, int limit) {
    this.channel = channel;
    this.buffer = buffer;
    this.limit = limit;
  }

  @Override
  public Poll<Integer> poll(Context cx) {
    if (!cx.proceedOrYield()) {
      cx.waitingIn("Channel.receiveMany");
      return Poll.pending();
    }
    int moved = channel.pollReceiveMany(buffer, limit, cx.waker());
    if (moved == 0) {
      cx.waitingIn("Channel.receiveMany");
      return Poll.pending();
    }
    return Poll.ready(Math.max(moved, 0)); // 0: closed and drained
  }

  @Override
  public void drop() {
    channel.dropReceiverWaker();
  }
}
