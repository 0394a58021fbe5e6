package dev.gearbox.future;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContextTest {

  @Test
  void proceedOrYieldWakesTheTaskOnlyWhenTheBudgetIsSpent() {
    CountingWaker waker = new CountingWaker();
    int[] budget = {1};
    Context cx =
        new Context() {
          @Override
          public Waker waker() {
            return waker;
          }

          @Override
          public boolean consumeBudget() {
            return budget[0]-- > 0;
          }
        };
    assertThat(cx.proceedOrYield()).isTrue();
    assertThat(waker.wakes()).isZero();
    assertThat(cx.proceedOrYield()).isFalse();
    assertThat(waker.wakes()).isEqualTo(1);
    assertThat(Context.of(waker).proceedOrYield()).as("no budget: always proceed").isTrue();
  }
}
