package dev.gearbox.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.Context;
import dev.gearbox.future.Driver;
import dev.gearbox.future.Waker;
import dev.gearbox.io.driver.Reactor;
import dev.gearbox.time.PausedClock;
import dev.gearbox.time.Timer;
import org.junit.jupiter.api.Test;

/** How time and I/O futures find their runtime's drivers through a context. */
class DriverAccessTest {

  @Test
  void aHandMadeContextHasNoDriverAndTheAccessorsNameWhatIsMissing() {
    Context cx = Context.of(Waker.noop());

    assertThat(cx.driver()).isNull();
    assertThatThrownBy(() -> Timer.of(cx))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("no timer in this context");
    assertThatThrownBy(() -> Reactor.of(cx))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("no I/O reactor in this context");
  }

  @Test
  void aRuntimeDriverIsBothTheTimerAndTheReactorOfItsContexts() {
    try (RuntimeDriver driver = new RuntimeDriver(new PausedClock())) {
      Context cx = contextWith(driver);

      assertThat(Timer.of(cx)).isSameAs(driver);
      assertThat(Reactor.of(cx)).isSameAs(driver);
    }
  }

  @Test
  void aWrappingContextForwardsTheDriverOfTheContextItWraps() {
    try (RuntimeDriver driver = new RuntimeDriver(new PausedClock())) {
      Context inner = contextWith(driver);
      Context wrapping =
          new Context() {
            @Override
            public Waker waker() {
              return Waker.noop();
            }

            @Override
            public Driver driver() {
              return inner.driver();
            }
          };

      assertThat(Timer.of(wrapping)).isSameAs(driver);
      assertThat(Reactor.of(wrapping)).isSameAs(driver);
    }
  }

  @Test
  void aContextWithOnlyATimerHasNoReactor() {
    try (RuntimeDriver driver = new RuntimeDriver(new PausedClock())) {
      Timer timerOnly =
          new Timer() {
            @Override
            public dev.gearbox.time.Clock clock() {
              return driver.clock();
            }

            @Override
            public boolean register(dev.gearbox.time.TimerEntry entry, long deadlineNanos) {
              return driver.register(entry, deadlineNanos);
            }

            @Override
            public boolean cancel(dev.gearbox.time.TimerEntry entry) {
              return driver.cancel(entry);
            }

            @Override
            public dev.gearbox.time.TimerEntry newEntry() {
              return driver.newEntry();
            }
          };
      Context cx = contextWith(timerOnly);

      assertThat(Timer.of(cx)).isSameAs(timerOnly);
      assertThatThrownBy(() -> Reactor.of(cx)).isInstanceOf(IllegalStateException.class);
    }
  }

  private static Context contextWith(Driver driver) {
    return new Context() {
      @Override
      public Waker waker() {
        return Waker.noop();
      }

      @Override
      public Driver driver() {
        return driver;
      }
    };
  }
}
