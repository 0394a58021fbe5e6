package dev.gearbox.future;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A future that a test completes by hand. It records its polls (into a shared log, for order) and
 * drops, and wakes its last registered waker on completion. Single-threaded use.
 */
public final class ManualFuture<T> implements Future<T> {
  private final String name;
  private final List<String> pollLog;
  private Waker waker;
  private Poll<T> result = Poll.pending();
  private Exception failure;
  private int polls;
  private int drops;

  public ManualFuture(String name) {
    this(name, new CopyOnWriteArrayList<>());
  }

  public ManualFuture(String name, List<String> pollLog) {
    this.name = name;
    this.pollLog = pollLog;
  }

  @Override
  public Poll<T> poll(Context cx) throws Exception {
    polls++;
    pollLog.add(name);
    if (failure != null) {
      throw failure;
    }
    if (result.isPending()) {
      waker = cx.waker();
    }
    return result;
  }

  @Override
  public void drop() {
    drops++;
  }

  /** Makes the next poll ready with {@code value} and wakes the last waker. */
  public void complete(T value) {
    result = Poll.ready(value);
    wakeRegistered();
  }

  /** Makes the next poll throw {@code exception} and wakes the last waker. */
  public void fail(Exception exception) {
    failure = exception;
    wakeRegistered();
  }

  private void wakeRegistered() {
    if (waker != null) {
      Waker registered = waker;
      waker = null;
      registered.wake();
    }
  }

  public int polls() {
    return polls;
  }

  public int drops() {
    return drops;
  }

  @Override
  public String toString() {
    return name;
  }
}
