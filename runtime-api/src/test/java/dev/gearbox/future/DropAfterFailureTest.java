package dev.gearbox.future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The combinators and a failure: a child that threw is dropped by whoever gives up on it, a child
 * that completed is never dropped.
 */
class DropAfterFailureTest {
  private final Context cx = Context.of(new CountingWaker());

  @Test
  void recoverDropsTheSourceThatThrew() throws Exception {
    ManualFuture<String> source = new ManualFuture<>("source");
    Future<String> recovered = source.recover(failure -> "recovered");
    assertThat(recovered.poll(cx).isPending()).isTrue();
    source.fail(new IOException("boom"));
    assertThat(recovered.poll(cx).value()).isEqualTo("recovered");
    assertThat(source.drops()).isEqualTo(1);
  }

  @Test
  void mapDoesNotDropASourceThatCompletedWhenTheFunctionThrows() throws Exception {
    ManualFuture<String> source = new ManualFuture<>("source");
    Future<Integer> mapped =
        source.map(
            value -> {
              throw new IllegalStateException("fn failed");
            });
    source.complete("x");
    assertThatThrownBy(() -> mapped.poll(cx)).hasMessage("fn failed");
    mapped.drop();
    assertThat(source.drops()).isZero();
  }

  @Test
  void mapForwardsTheDropToASourceThatThrew() throws Exception {
    ManualFuture<String> source = new ManualFuture<>("source");
    Future<Integer> mapped = source.map(String::length);
    IOException boom = new IOException("boom");
    source.fail(boom);
    assertThatThrownBy(() -> mapped.poll(cx)).isSameAs(boom);
    mapped.drop();
    assertThat(source.drops()).isEqualTo(1);
  }

  @Test
  void loopDoesNotDropTheBodyThatCompletedWhenTheNextBodyCannotBeMade() throws Exception {
    ManualFuture<Step<Integer, String>> first = new ManualFuture<>("first");
    Future<String> loop =
        Futures.loop(
            0,
            state -> {
              if (state == 0) {
                return first;
              }
              throw new IllegalStateException("no body for " + state);
            });
    first.complete(Step.next(1));
    assertThatThrownBy(() -> loop.poll(cx)).hasMessage("no body for 1");
    loop.drop();
    assertThat(first.drops()).isZero();
  }
}
