package dev.gearbox.workstealing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.fiber.Fiber;
import dev.gearbox.runtime.Runtime;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Fiber.spawn on a thread of no runtime uses the default runtime, made once from configuration. */
class FiberDefaultRuntimeTest {

  @Test
  void spawnOutsideAnyRuntimeUsesTheDefaultRuntime() throws Exception {
    assertThat(Runtime.tryCurrent()).isEmpty();
    String kind =
        Fiber.spawn(
                () -> {
                  Fiber.sleep(Duration.ofMillis(1));
                  return Runtime.current().kind();
                })
            .join(Duration.ofSeconds(20));
    assertThat(kind).isEqualTo("workstealing"); // the only runtime installed here
    assertThat(Fiber.defaultRuntime()).isSameAs(Fiber.defaultRuntime());
    assertThat(Fiber.defaultRuntime().kind()).isEqualTo("workstealing");
  }
}
