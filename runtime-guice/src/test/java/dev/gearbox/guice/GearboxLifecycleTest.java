package dev.gearbox.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import dev.gearbox.future.Futures;
import dev.gearbox.runtime.JoinException;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeClosedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class GearboxLifecycleTest {

  @Test
  void closingTheLifecycleShutsTheRuntimeDownAndCancelsItsTasks() throws Exception {
    Injector injector = Guice.createInjector(GearboxModule.ofKind("workstealing"));
    GearboxLifecycle lifecycle = injector.getInstance(GearboxLifecycle.class);
    Runtime runtime = injector.getInstance(Runtime.class);
    JoinHandle<Object> waiting = runtime.spawn(Futures.pending());

    lifecycle.close();

    assertThat(lifecycle.isClosed()).isTrue();
    assertThat(runtime.isTerminated()).isTrue();
    assertThatThrownBy(() -> waiting.join(Duration.ofSeconds(20)))
        .isInstanceOf(JoinException.class)
        .satisfies(e -> assertThat(((JoinException) e).isCancelled()).isTrue());
    assertThatThrownBy(() -> runtime.spawn(Futures.ready(1)))
        .isInstanceOf(RuntimeClosedException.class);
    lifecycle.close(); // idempotent
  }

  @Test
  void resourcesCloseLastRegisteredFirstWithTheRuntimeLast() {
    Injector injector = Guice.createInjector(GearboxModule.ofKind("minimal"));
    GearboxLifecycle lifecycle = injector.getInstance(GearboxLifecycle.class);
    Runtime runtime = injector.getInstance(Runtime.class);
    List<String> closed = new ArrayList<>();
    lifecycle.register(() -> closed.add("server, runtime shut down: " + runtime.isShutdown()));
    lifecycle.register(() -> closed.add("client"));

    assertThat(lifecycle.close(Duration.ofSeconds(20))).isTrue();

    assertThat(closed).containsExactly("client", "server, runtime shut down: false");
    assertThat(runtime.isTerminated()).isTrue();
  }

  @Test
  void aRuntimeNeverInjectedIsNeverCreatedAndNotAfterClose() {
    Injector injector = Guice.createInjector(GearboxModule.ofKind("minimal"));
    GearboxLifecycle lifecycle = injector.getInstance(GearboxLifecycle.class);
    assertThat(lifecycle).hasToString("GearboxLifecycle[0 registered]");
    lifecycle.close();
    assertThatThrownBy(() -> injector.getInstance(Runtime.class))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("the Gearbox lifecycle is closed");
    List<String> closed = new ArrayList<>();
    assertThatThrownBy(() -> lifecycle.register(() -> closed.add("late")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("was closed instead of registered");
    assertThat(closed).containsExactly("late");
  }

  @Test
  void aFailingResourceDoesNotKeepTheOthersOpen() {
    Injector injector = Guice.createInjector(GearboxModule.ofKind("minimal"));
    GearboxLifecycle lifecycle = injector.getInstance(GearboxLifecycle.class);
    Runtime runtime = injector.getInstance(Runtime.class);
    lifecycle.register(
        () -> {
          throw new IllegalStateException("disk full");
        });
    assertThatThrownBy(lifecycle::close)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("closing ")
        .hasRootCauseMessage("disk full");
    assertThat(runtime.isTerminated()).isTrue();
  }
}
