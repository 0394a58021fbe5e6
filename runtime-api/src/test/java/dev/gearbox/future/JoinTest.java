package dev.gearbox.future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class JoinTest {
  private final CountingWaker waker = new CountingWaker();
  private final Context cx = waker.context();
  private final List<String> log = new ArrayList<>();

  @Test
  void joinTwoWaitsForBothAndPollsOnlyUnfinishedChildren() throws Exception {
    ManualFuture<String> a = new ManualFuture<>("a", log);
    ManualFuture<Integer> b = new ManualFuture<>("b", log);
    Future<Join2<String, Integer>> join = Futures.join(a, b);

    assertThat(join.poll(cx).isPending()).isTrue();
    a.complete("x");
    assertThat(waker.wakes()).isEqualTo(1);
    assertThat(join.poll(cx).isPending()).isTrue();
    b.complete(2);
    Poll<Join2<String, Integer>> done = join.poll(cx);

    assertThat(done.value()).isEqualTo(new Join2<>("x", 2));
    assertThat(a.polls()).isEqualTo(2);
    assertThat(b.polls()).isEqualTo(3);
    assertThat(a.drops() + b.drops()).isZero();
  }

  @Test
  void joinThreeCarriesOutputsInOrder() throws Exception {
    Future<Join3<String, Integer, Boolean>> join =
        Futures.join(Futures.ready("s"), Futures.ready(1), Futures.ready(true));
    assertThat(join.poll(cx).value()).isEqualTo(new Join3<>("s", 1, true));
  }

  @Test
  void joinAllKeepsInputOrderWhateverTheCompletionOrder() throws Exception {
    ManualFuture<Integer> first = new ManualFuture<>("first");
    ManualFuture<Integer> second = new ManualFuture<>("second");
    ManualFuture<Integer> third = new ManualFuture<>("third");
    Future<List<Integer>> join = Futures.joinAll(List.of(first, second, third));

    assertThat(join.poll(cx).isPending()).isTrue();
    third.complete(3);
    assertThat(join.poll(cx).isPending()).isTrue();
    first.complete(1);
    second.complete(null);
    List<Integer> outputs = join.poll(cx).value();

    assertThat(outputs).containsExactly(1, null, 3);
    assertThatThrownBy(() -> outputs.set(0, 5)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> join.poll(cx)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void joinAllOfNothingIsReadyAtOnce() throws Exception {
    assertThat(Futures.<String>joinAll(List.of()).poll(cx).value()).isEmpty();
  }

  @Test
  void joinRotatesTheChildPolledFirst() throws Exception {
    List<ManualFuture<Integer>> children = new ArrayList<>();
    for (String name : List.of("a", "b", "c")) {
      children.add(new ManualFuture<>(name, log));
    }
    Future<List<Integer>> join = Futures.joinAll(children);
    for (int poll = 0; poll < 3; poll++) {
      join.poll(cx);
    }
    assertThat(log).containsExactly("a", "b", "c", "b", "c", "a", "c", "a", "b");
  }

  @Test
  void aThrowingChildFailsTheJoinAndIsDroppedWithTheUnfinishedOthers() throws Exception {
    ManualFuture<Integer> done = new ManualFuture<>("done");
    ManualFuture<Integer> failing = new ManualFuture<>("failing");
    ManualFuture<Integer> waiting = new ManualFuture<>("waiting");
    Future<List<Integer>> join = Futures.joinAll(List.of(done, failing, waiting));
    done.complete(1);
    assertThat(join.poll(cx).isPending()).isTrue();

    IOException failure = new IOException("child failed");
    failing.fail(failure);
    assertThatThrownBy(() -> join.poll(cx)).isSameAs(failure);

    assertThat(waiting.drops()).isEqualTo(1);
    assertThat(done.drops()).as("a completed child is never dropped").isZero();
    assertThat(failing.drops()).as("the child that threw is given up on: dropped").isEqualTo(1);
    join.drop();
    assertThat(waiting.drops()).as("not dropped twice").isEqualTo(1);
    assertThat(failing.drops()).as("not dropped twice").isEqualTo(1);
  }

  @Test
  void dropFailuresAreSuppressedIntoTheChildFailure() {
    IllegalStateException dropFailure = new IllegalStateException("drop failed");
    Future<Integer> badDrop =
        new Future<>() {
          @Override
          public Poll<Integer> poll(Context cx) {
            return Poll.pending();
          }

          @Override
          public void drop() {
            throw dropFailure;
          }
        };
    IOException failure = new IOException("x");
    Future<Join2<Integer, Integer>> join = Futures.join(Futures.failed(failure), badDrop);
    assertThatThrownBy(() -> join.poll(cx)).isSameAs(failure);
    assertThat(failure.getSuppressed()).containsExactly(dropFailure);
  }

  @Test
  void droppingTheJoinDropsOnlyUnfinishedChildren() throws Exception {
    ManualFuture<Integer> done = new ManualFuture<>("done");
    ManualFuture<Integer> waiting = new ManualFuture<>("waiting");
    Future<Join2<Integer, Integer>> join = Futures.join(done, waiting);
    done.complete(1);
    join.poll(cx);

    join.drop();

    assertThat(done.drops()).isZero();
    assertThat(waiting.drops()).isEqualTo(1);
  }

  @Test
  void joinAllRejectsNullElementsByIndex() {
    List<Future<Integer>> withNull = Arrays.asList(Futures.ready(1), null);
    assertThatThrownBy(() -> Futures.joinAll(withNull)).hasMessage("futures[1]");
    assertThatThrownBy(() -> Futures.joinAll(null)).hasMessage("futures");
  }
}
