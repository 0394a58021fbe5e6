package dev.gearbox.io.codec;

import dev.gearbox.future.Context;
import dev.gearbox.future.Driver;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Waker;
import dev.gearbox.stream.Stream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Futures that drain a reader, for the codec tests. */
final class CodecFutures {
  private CodecFutures() {}

  /** Every item of {@code stream} until its end. */
  static <T> Future<List<T>> readAll(Stream<T> stream) {
    return readAtMost(stream, Integer.MAX_VALUE);
  }

  /** The items of {@code stream} until its end or {@code count} of them. */
  static <T> Future<List<T>> readAtMost(Stream<T> stream, int count) {
    List<T> items = new ArrayList<>();
    return cx -> {
      while (items.size() < count) {
        Poll<T> poll = stream.pollNext(cx);
        if (poll.isPending()) {
          return Poll.pending();
        }
        if (Stream.isEnd(poll)) {
          break;
        }
        items.add(poll.value());
      }
      return Poll.ready(items);
    };
  }

  /**
   * The outcome of each read of {@code reader} until its end: the line, or "failed: " and the
   * message of the read's failure.
   */
  static Future<List<String>> readOutcomes(LineReader reader) {
    List<String> outcomes = new ArrayList<>();
    return cx -> {
      while (true) {
        Poll<String> poll;
        try {
          poll = reader.readLine().poll(cx);
        } catch (FrameTooLongException tooLong) {
          outcomes.add("failed: " + tooLong.getMessage());
          continue;
        }
        if (poll.isPending()) {
          return Poll.pending();
        }
        if (poll.value() == null) {
          return Poll.ready(outcomes);
        }
        outcomes.add(poll.value());
      }
    };
  }

  /** {@code cx} with its cooperative budget spent; its waker counts wakes in {@code wakes}. */
  static Context spentBudget(Context cx, AtomicInteger wakes) {
    return new Context() {
      @Override
      public Waker waker() {
        return wakes::incrementAndGet;
      }

      @Override
      public Driver driver() {
        return cx.driver();
      }

      @Override
      public boolean consumeBudget() {
        return false;
      }
    };
  }
}
