package dev.gearbox.sync;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;

/**
 * The future of {@link Broadcast.Receiver#receive()} and its node in the channel's queue of waiting
 * receives; its links and waker are guarded by the channel's lock. A message leaves the receiver's
 * view only in the poll that returns it, so dropping the future loses nothing.
 *
 * @param <T> the message type
 */
final class BroadcastReceive<T> extends WaitNode<BroadcastReceive<T>> implements Future<T> {
  private final Broadcast.Receiver<T> receiver;

  BroadcastReceive(Broadcast.Receiver<T> receiver) {
    this.receiver = receiver;
  }

  @Override
  public Poll<T> poll(Context cx) {
    if (!cx.proceedOrYield()) {
      cx.waitingIn("Broadcast.receive");
      return Poll.pending();
    }
    Object message = receiver.state.tryReceive(receiver, this, cx.waker());
    if (message == null) {
      cx.waitingIn("Broadcast.receive");
      return Poll.pending();
    }
    return message == BroadcastState.END_OF_STREAM
        ? Poll.ready()
        : Poll.ready(Broadcast.Receiver.castMessage(message));
  }

  @Override
  public void drop() {
    BroadcastState<T> state = receiver.state;
    state.lock.lock();
    try {
      state.waiters.remove(this);
      waker = null;
    } finally {
      state.lock.unlock();
    }
  }
}
