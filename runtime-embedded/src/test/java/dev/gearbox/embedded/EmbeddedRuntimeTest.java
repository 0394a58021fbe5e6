package dev.gearbox.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.Futures;
import dev.gearbox.future.Poll;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The embedded kind through the Runtime API: its pool size, and embedded time inside its tasks. */
class EmbeddedRuntimeTest {

  private static Runtime create(Map<String, String> config) {
    Map<String, String> all = new java.util.HashMap<>(config);
    all.put(RuntimeConfig.RUNTIME_KEY, "embedded");
    return Runtimes.create(RuntimeConfig.of(all));
  }

  @Test
  @Timeout(60)
  void spawningPastThePoolFailsNamingTheKeyToRaise() throws Exception {
    try (Runtime runtime = create(Map.of("gearbox.embedded.poolSize", "3"))) {
      Signal<String> release = new Signal<>();
      List<JoinHandle<String>> handles = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        handles.add(runtime.spawn(release.next()));
      }
      assertThatThrownBy(() -> runtime.spawn(cx -> Poll.ready("fourth")))
          .isInstanceOf(SpawnError.class)
          .hasMessageContaining("all 3 of its tasks are alive")
          .hasMessageContaining("raise gearbox.embedded.poolSize (now 3)");
      for (int i = 0; i < 3; i++) {
        release.signal("go");
        Await.until(() -> !release.isSignaled(), "signal taken");
      }
      for (JoinHandle<String> handle : handles) {
        assertThat(handle.join(java.time.Duration.ofSeconds(30))).isEqualTo("go");
      }
      Await.until(() -> runtime.metrics().aliveTasks() == 0, "tasks released");
      assertThat(runtime.spawn(cx -> Poll.ready("again")).join()).isEqualTo("again");
    }
  }

  @Test
  void badPoolSizesAreRefusedWithTheKey() {
    assertThatThrownBy(() -> create(Map.of("gearbox.embedded.poolSize", "0")))
        .hasMessageContaining("gearbox.embedded.poolSize");
  }

  @Test
  @Timeout(60)
  void embeddedTimersAndTheRuntimeClockAgree() throws Exception {
    try (Runtime runtime = create(Map.of("gearbox.time.paused", "true"))) {
      Timer timer = Timer.after(Duration.ofSeconds(3600));
      long before = runtime.clock().nanoTime();
      runtime.blockOn(
          Futures.join(timer, dev.gearbox.time.Time.sleep(java.time.Duration.ofHours(2))));
      long elapsed = runtime.clock().nanoTime() - before;
      assertThat(elapsed).isGreaterThanOrEqualTo(java.time.Duration.ofHours(2).toNanos());
    }
  }

  @Test
  @Timeout(60)
  void onAPausedClockTimeJumpsToAnEmbeddedTimerToo() {
    try (Runtime runtime = create(Map.of("gearbox.time.paused", "true"))) {
      long before = runtime.clock().nanoTime();
      runtime.blockOn(Timer.after(Duration.ofSeconds(600)));
      assertThat(runtime.clock().nanoTime() - before).isGreaterThanOrEqualTo(600_000_000_000L);
    }
  }

  @Test
  @Timeout(60)
  void pooledTasksAndRuntimeTasksShareTheSystemClock() {
    try (Runtime runtime = create(Map.of())) {
      Timer timer = Timer.after(Duration.ofMillis(20));
      long start = System.nanoTime();
      runtime.blockOn(timer);
      assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(20_000_000L);
    }
  }
}
