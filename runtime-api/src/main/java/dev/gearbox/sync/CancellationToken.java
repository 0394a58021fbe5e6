package dev.gearbox.sync;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A signal that work should stop (tokio-util's {@code CancellationToken}): {@link #cancel()} it
 * once, and every {@link #cancelled()} future completes and {@link #isCancelled()} turns true.
 * {@link #child()} tokens form a tree: cancelling a token cancels all its descendants, and
 * cancelling a child leaves its parent alone.
 *
 * <pre>{@code
 * CancellationToken shutdown = new CancellationToken();
 * Future<Either<Void, Long>> work = Futures.select(shutdown.cancelled(), job());
 * }</pre>
 *
 * <p>Cancellation: a dropped {@code cancelled()} future leaves its token's queue. Cost: {@code
 * isCancelled} is a volatile read; {@code cancel} takes each token's lock once and wakes after
 * releasing it; a token refers to its children weakly, so children nobody references any more are
 * collected (and pruned from the parent as it adds others). Thread-safe.
 */
public final class CancellationToken {
  private final ReentrantLock lock = new ReentrantLock();
  private final WaitQueue<Cancelled> waiters = new WaitQueue<>();
  private List<WeakReference<CancellationToken>> children;
  private int pruneAt = 16;
  private volatile boolean cancelled;

  /** Creates a token that is not cancelled, with no parent. */
  public CancellationToken() {}

  /**
   * A new token that is cancelled when this one is (at once, if this one already is). Cancelling
   * the child does not cancel this token.
   *
   * @return the child token
   */
  public CancellationToken child() {
    CancellationToken child = new CancellationToken();
    lock.lock();
    try {
      if (!cancelled) {
        if (children == null) {
          children = new ArrayList<>();
        } else if (children.size() >= pruneAt) {
          children.removeIf(reference -> reference.get() == null);
          pruneAt = Math.max(16, children.size() * 2);
        }
        children.add(new WeakReference<>(child));
        return child;
      }
    } finally {
      lock.unlock();
    }
    child.cancelled = true;
    return child;
  }

  /**
   * Cancels this token and all its descendants, waking every {@code cancelled()} future.
   * Idempotent.
   */
  public void cancel() {
    ArrayDeque<CancellationToken> pending = new ArrayDeque<>();
    pending.add(this);
    for (CancellationToken token = pending.poll(); token != null; token = pending.poll()) {
      token.cancelOne(pending);
    }
  }

  /**
   * Whether this token was cancelled, directly or through an ancestor.
   *
   * @return true once cancelled
   */
  public boolean isCancelled() {
    return cancelled;
  }

  /**
   * A future that completes once this token is cancelled.
   *
   * @return the future; dropping it while it waits releases its place
   */
  public Future<Void> cancelled() {
    return new Cancelled(this);
  }

  /** Cancels this token alone and queues its children in {@code descendants}. */
  private void cancelOne(ArrayDeque<CancellationToken> descendants) {
    WakeList wakers = new WakeList();
    List<WeakReference<CancellationToken>> toCancel;
    lock.lock();
    try {
      if (cancelled) {
        return;
      }
      cancelled = true;
      waiters.drainWakers(wakers);
      toCancel = children;
      children = null;
    } finally {
      lock.unlock();
    }
    wakers.wakeAll();
    if (toCancel != null) {
      for (WeakReference<CancellationToken> reference : toCancel) {
        CancellationToken child = reference.get();
        if (child != null) {
          descendants.add(child);
        }
      }
    }
  }

  @Override
  public String toString() {
    return cancelled ? "CancellationToken[cancelled]" : "CancellationToken[active]";
  }

  /** The future of {@link #cancelled()}; its links are guarded by the token's lock. */
  private static final class Cancelled extends WaitNode<Cancelled> implements Future<Void> {
    private final CancellationToken token;

    Cancelled(CancellationToken token) {
      this.token = token;
    }

    @Override
    public Poll<Void> poll(Context cx) {
      if (!token.cancelled) {
        token.lock.lock();
        try {
          if (!token.cancelled) {
            if (!linked) {
              token.waiters.append(this);
            }
            setWaker(cx.waker());
            cx.waitingIn("CancellationToken.cancelled");
            return Poll.pending();
          }
        } finally {
          token.lock.unlock();
        }
      }
      if (!cx.proceedOrYield()) {
        cx.waitingIn("CancellationToken.cancelled");
        return Poll.pending();
      }
      return Poll.ready();
    }

    @Override
    public void drop() {
      token.lock.lock();
      try {
        token.waiters.remove(this);
        waker = null;
      } finally {
        token.lock.unlock();
      }
    }
  }
}
