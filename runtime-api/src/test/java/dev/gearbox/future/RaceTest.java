package dev.gearbox.future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RaceTest {
  private final CountingWaker waker = new CountingWaker();
  private final Context cx = waker.context();
  private final List<String> log = new ArrayList<>();

  @Test
  void theFirstToCompleteWinsAndTheOthersAreDropped() throws Exception {
    ManualFuture<String> a = new ManualFuture<>("a");
    ManualFuture<String> b = new ManualFuture<>("b");
    ManualFuture<String> c = new ManualFuture<>("c");
    Future<String> race = Futures.race(List.of(a, b, c));

    assertThat(race.poll(cx).isPending()).isTrue();
    b.complete("b wins");
    assertThat(waker.wakes()).isEqualTo(1);

    assertThat(race.poll(cx).value()).isEqualTo("b wins");
    assertThat(a.drops()).isEqualTo(1);
    assertThat(b.drops()).isZero();
    assertThat(c.drops()).isEqualTo(1);
    race.drop();
    assertThat(a.drops()).as("not dropped twice").isEqualTo(1);
  }

  @Test
  void selectTellsWhichSideWon() throws Exception {
    ManualFuture<String> text = new ManualFuture<>("text");
    ManualFuture<Integer> number = new ManualFuture<>("number");
    Future<Either<String, Integer>> select = Futures.select(text, number);
    assertThat(select.poll(cx).isPending()).isTrue();

    number.complete(5);
    Either<String, Integer> winner = select.poll(cx).value();

    assertThat(winner).isEqualTo(new Either.Second<String, Integer>(5));
    assertThat(text.drops()).isEqualTo(1);
    String described =
        switch (winner) {
          case Either.First<String, Integer>(String value) -> "text " + value;
          case Either.Second<String, Integer>(Integer value) -> "number " + value;
        };
    assertThat(described).isEqualTo("number 5");
  }

  @Test
  void selectOfTwoReadyFuturesPrefersTheFirstOnTheFirstPoll() throws Exception {
    Future<Either<String, String>> select = Futures.select(Futures.ready("a"), Futures.ready("b"));
    assertThat(select.poll(cx).value()).isEqualTo(new Either.First<String, String>("a"));
  }

  @Test
  void raceRotatesTheChildPolledFirst() throws Exception {
    List<ManualFuture<Integer>> children = new ArrayList<>();
    for (String name : List.of("a", "b", "c")) {
      children.add(new ManualFuture<>(name, log));
    }
    Future<Integer> race = Futures.race(children);
    for (int poll = 0; poll < 4; poll++) {
      race.poll(cx);
    }
    assertThat(log).containsExactly("a", "b", "c", "b", "c", "a", "c", "a", "b", "a", "b", "c");
  }

  @Test
  void whenBothAreReadyTogetherTheRotationDecidesSoNeitherAlwaysWins() throws Exception {
    Map<String, Integer> wins = new HashMap<>();
    for (int pendingPolls = 0; pendingPolls < 6; pendingPolls++) {
      ManualFuture<String> left = new ManualFuture<>("left");
      ManualFuture<String> right = new ManualFuture<>("right");
      Future<String> race = Futures.race(left, right);
      for (int poll = 0; poll < pendingPolls; poll++) {
        assertThat(race.poll(cx).isPending()).isTrue();
      }
      left.complete("left");
      right.complete("right");
      String winner = race.poll(cx).value();
      assertThat(winner).isEqualTo(pendingPolls % 2 == 0 ? "left" : "right");
      wins.merge(winner, 1, Integer::sum);
    }
    assertThat(wins).containsEntry("left", 3).containsEntry("right", 3);
  }

  @Test
  void aThrowingChildFailsTheRaceAndDropsTheOthers() {
    ManualFuture<Integer> waiting = new ManualFuture<>("waiting");
    IOException failure = new IOException("lost");
    Future<Integer> race = Futures.race(waiting, Futures.failed(failure));
    assertThatThrownBy(() -> race.poll(cx)).isSameAs(failure);
    assertThat(waiting.drops()).isEqualTo(1);
    assertThatThrownBy(() -> race.poll(cx)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void droppingTheRaceDropsEveryChild() throws Exception {
    ManualFuture<Integer> a = new ManualFuture<>("a");
    ManualFuture<Integer> b = new ManualFuture<>("b");
    Future<Integer> race = Futures.race(a, b);
    race.poll(cx);
    race.drop();
    assertThat(a.drops()).isEqualTo(1);
    assertThat(b.drops()).isEqualTo(1);
  }

  @Test
  void anEmptyRaceIsRejected() {
    assertThatThrownBy(() -> Futures.race(List.<Future<Integer>>of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
  }
}
