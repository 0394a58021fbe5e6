package dev.gearbox.sync;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;

/**
 * The future of {@link Watch.Receiver#changed()}; its links are guarded by the state's lock, and it
 * updates its receiver's seen version (owned by the receiver's task) only when it completes.
 *
 * @param <T> the value type
 */
final class WatchChanged<T> extends WaitNode<WatchChanged<T>> implements Future<Void> {
  private final Watch.Receiver<T> receiver;

  WatchChanged(Watch.Receiver<T> receiver) {
    this.receiver = receiver;
  }

  @Override
  public Poll<Void> poll(Context cx) {
    WatchState<T> state = receiver.state;
    long version = state.snapshot().version();
    if (version == receiver.seenVersion) {
      state.lock.lock();
      try {
        version = state.snapshot().version();
        if (version == receiver.seenVersion) {
          if (state.isClosed()) {
            throw new ChannelClosedException("watch channel closed by the sender");
          }
          if (!linked) {
            state.waiters.append(this);
          }
          setWaker(cx.waker());
          cx.waitingIn("Watch.changed");
          return Poll.pending();
        }
      } finally {
        state.lock.unlock();
      }
    }
    if (!cx.proceedOrYield()) {
      cx.waitingIn("Watch.changed");
      return Poll.pending();
    }
    receiver.seenVersion = version;
    return Poll.ready();
  }

  @Override
  public void drop() {
    WatchState<T> state = receiver.state;
    state.lock.lock();
    try {
      state.waiters.remove(this);
      waker = null;
    } finally {
      state.lock.unlock();
    }
  }
}
