package dev.gearbox.sync;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.time.Sleep;

/**
 * The future of {@link Channel.Sender#sendTimeout}: a send raced against a sleep. Each poll polls
 * the send first, so a send that can complete wins even at a zero timeout; when the sleep completes
 * first the send is dropped, so its message is not delivered. Polled by one task at a time.
 */
final class SendTimeoutFuture implements Future<Boolean> {
  private Future<Void> send;
  private final Sleep sleep;

  SendTimeoutFuture(Future<Void> send, Sleep sleep) {
    this.send = send;
    this.sleep = sleep;
  }

  @Override
  public Poll<Boolean> poll(Context cx) throws Exception {
    if (send == null) {
      throw new IllegalStateException("send with timeout polled after it completed");
    }
    Poll<Void> sent;
    try {
      sent = send.poll(cx);
    } catch (Exception failure) {
      send = null;
      sleep.drop();
      throw failure;
    }
    if (sent.isReady()) {
      send = null;
      sleep.drop();
      return Poll.ready(Boolean.TRUE);
    }
    if (sleep.poll(cx).isPending()) {
      cx.waitingIn("Channel.sendTimeout");
      return Poll.pending();
    }
    send.drop();
    send = null;
    return Poll.ready(Boolean.FALSE);
  }

  @Override
  public void drop() {
    if (send != null) {
      send.drop();
      send = null;
      sleep.drop();
    }
  }
}
