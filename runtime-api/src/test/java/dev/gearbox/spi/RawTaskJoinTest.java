package dev.gearbox.spi;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.Poll;
import dev.gearbox.runtime.JoinException;
import org.junit.jupiter.api.Test;

class RawTaskJoinTest {

  /** Runs each task on the spot, on the thread that schedules it. */
  private static final TaskScheduler INLINE =
      new TaskScheduler() {
        @Override
        public void schedule(RawTask<?> task) {
          task.run();
        }

        @Override
        public void release(RawTask<?> task) {}
      };

  @Test
  void joinThrowsTheJoinExceptionOfAFailedTask() {
    IllegalStateException boom = new IllegalStateException("boom");
    RawTask<Object> task =
        new RawTask<>(
            cx -> {
              throw boom;
            },
            INLINE);
    task.run();
    assertThatThrownBy(task::join).isInstanceOf(JoinException.class).cause().isSameAs(boom);
  }

  @Test
  void joinThrowsTheJoinExceptionOfACancelledTask() {
    RawTask<Object> task = new RawTask<>(cx -> Poll.pending(), INLINE);
    task.abort();
    assertThatThrownBy(task::join)
        .isInstanceOfSatisfying(
            JoinException.class,
            failure -> org.assertj.core.api.Assertions.assertThat(failure.isCancelled()).isTrue());
  }
}
