package dev.gearbox.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.util.Modules;
import dev.gearbox.future.Future;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.time.Clock;
import dev.gearbox.time.PausedClock;
import dev.gearbox.time.Time;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Tests swap the runtime of an application's injector with Guice's own {@code Modules.override}.
 */
@Timeout(60)
class OverrideTest {

  /** An application service: it spawns on the runtime it is given and waits on its clock. */
  static final class Reminder {
    private final Runtime runtime;
    private final Clock clock;

    @Inject
    Reminder(Runtime runtime, Clock clock) {
      this.runtime = runtime;
      this.clock = clock;
    }

    /** Waits {@code delay} in a task, then answers how long the clock says it waited. */
    Duration remindAfter(Duration delay) {
      long start = clock.nanoTime();
      Future<Duration> waited =
          Time.sleep(delay).map(done -> Duration.ofNanos(clock.nanoTime() - start));
      return runtime.spawn(waited).join();
    }
  }

  /** The application's own bindings, beside the Gearbox module. */
  static final class AppModule extends AbstractModule {
    @Override
    protected void configure() {
      bind(Reminder.class);
    }
  }

  @Test
  void overridingTheGearboxModuleSwapsTheRuntimeForEveryComponent() {
    Injector injector =
        Guice.createInjector(
            Modules.override(new GearboxModule(), new AppModule())
                .with(GearboxModule.ofKind("minimal")));
    try (GearboxLifecycle lifecycle = injector.getInstance(GearboxLifecycle.class)) {
      Reminder reminder = injector.getInstance(Reminder.class);
      assertThat(reminder.runtime.kind()).isEqualTo("minimal");
      assertThat(reminder.remindAfter(Duration.ofMillis(20)))
          .isGreaterThanOrEqualTo(Duration.ofMillis(20));
      assertThat(lifecycle.isClosed()).isFalse();
    }
  }

  @Test
  void aTestCanSwapInAPausedClockAndAnHourPassesAtOnce() {
    RuntimeConfig paused =
        RuntimeConfig.of(Map.of("gearbox.runtime", "minimal", "gearbox.time.paused", "true"));
    Injector injector =
        Guice.createInjector(
            Modules.override(new GearboxModule(), new AppModule()).with(GearboxModule.of(paused)));
    try (GearboxLifecycle lifecycle = injector.getInstance(GearboxLifecycle.class)) {
      Reminder reminder = injector.getInstance(Reminder.class);
      assertThat(reminder.clock).isInstanceOf(PausedClock.class);
      assertThat(reminder.remindAfter(Duration.ofHours(1))).isEqualTo(Duration.ofHours(1));
      assertThat(lifecycle.isClosed()).isFalse();
    }
  }

  @Test
  void aTestCanBindARuntimeItOwns() {
    try (Runtime owned = Runtimes.create("minimal")) {
      Injector injector =
          Guice.createInjector(
              Modules.override(new GearboxModule(), new AppModule())
                  .with(
                      new AbstractModule() {
                        @Override
                        protected void configure() {
                          bind(Runtime.class).toInstance(owned);
                        }
                      }));
      Reminder reminder = injector.getInstance(Reminder.class);
      assertThat(reminder.runtime).isSameAs(owned);
      assertThat(reminder.clock).isSameAs(owned.clock());
    }
  }

  @Test
  void aTestCanSwapInTheSimulatedRuntimeWhoseVirtualTimeJumps() {
    // runtime-testkit registers `simulated` through META-INF/services only, which ServiceLoader
    // reads on the class path: the class-path run of these tests has it, the module-path run not.
    assumeTrue(
        Runtimes.available().contains("simulated"), "simulated is installed on the class path");
    Injector injector =
        Guice.createInjector(
            Modules.override(new GearboxModule(), new AppModule())
                .with(GearboxModule.ofKind("simulated")));
    try (GearboxLifecycle lifecycle = injector.getInstance(GearboxLifecycle.class)) {
      Reminder reminder = injector.getInstance(Reminder.class);
      assertThat(reminder.runtime.kind()).isEqualTo("simulated");
      assertThat(reminder.remindAfter(Duration.ofDays(1))).isEqualTo(Duration.ofDays(1));
    }
  }
}
