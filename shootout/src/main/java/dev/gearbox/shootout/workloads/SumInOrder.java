package dev.gearbox.shootout.workloads;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.runtime.JoinHandle;
import java.util.List;

/** Awaits join handles in order and sums their outputs. */
final class SumInOrder<T extends Number> implements Future<Long> {
  private final List<JoinHandle<T>> handles;
  private int next;
  private long sum;

  SumInOrder(List<JoinHandle<T>> handles) {
    this.handles = handles;
  }

  @Override
  public Poll<Long> poll(Context cx) throws Exception {
    while (next < handles.size()) {
      if (handles.get(next).poll(cx) instanceof Poll.Ready<T>(T value)) {
        sum += value.longValue();
        next++;
      } else {
        return Poll.pending();
      }
    }
    return Poll.ready(sum);
  }
}
