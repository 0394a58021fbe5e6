package dev.gearbox.workstealing;

import dev.gearbox.spi.RuntimeDriver;
import dev.gearbox.spi.sched.Parker;
import dev.gearbox.time.Clock;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.jetbrains.lincheck.datastructures.verifier.EpsilonVerifier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Model check of {@link Parker}'s park/unpark pair (Lincheck, a fixed scenario): an unpark from
 * another thread, before, during or after the owner's park, ends it, and the notification is
 * consumed once. The owner parks on its own thread (PARKED_THREAD): each scenario's driver is held
 * by the thread that made it, as by a worker driving the selector, because a park in the driver
 * blocks in native code that the model checker cannot schedule around. Runs on the class path (the
 * module's {@code lincheck} execution), where the driver's lock can be reached by reflection.
 */
public class ParkerLincheckTest {
  private final RuntimeDriver driver = heldDriver();
  private volatile Parker parker;
  private volatile boolean parkReturned;

  /** The owner makes its parker on its own thread. */
  @Operation
  public void create() {
    parker = new Parker(Thread.currentThread());
  }

  /** The owner parks; the driver is held elsewhere, so it parks the thread. */
  @Operation
  public void park() {
    parker.park(driver, false);
    parkReturned = true;
  }

  /** Another thread unparks the owner, once the owner made its parker. */
  @Operation
  public void unpark() {
    Parker target = parker;
    while (target == null) {
      Thread.onSpinWait();
      target = parker;
    }
    target.unpark();
  }

  /** After the threads: the park ended and consumed the notification. */
  @Validate
  public void consumedOnce() {
    driver.close();
    if (!parkReturned || parker.isNotified()) {
      throw new IllegalStateException("park returned " + parkReturned);
    }
  }

  /**
   * A driver whose lock the constructing thread holds, so that the owner parks on its own; null
   * where the lock cannot be reached (on the module path).
   */
  private static RuntimeDriver heldDriver() {
    RuntimeDriver driver = new RuntimeDriver(Clock.system());
    try {
      Field driving = RuntimeDriver.class.getDeclaredField("driving");
      driving.setAccessible(true);
      ((ReentrantLock) driving.get(driver)).lock();
    } catch (ReflectiveOperationException | RuntimeException e) {
      driver.close();
      return null; // on the module path: unparkEndsThePark skips itself
    }
    return driver;
  }

  @Test
  void unparkEndsThePark() throws Exception {
    Assumptions.assumeTrue(
        !ParkerLincheckTest.class.getModule().isNamed(), "runs on the class path only");
    List<List<Actor>> threads =
        List.of(List.of(actor("create"), actor("park")), List.of(actor("unpark")));
    ExecutionScenario scenario = new ExecutionScenario(List.of(), threads, List.of(), null);
    new ModelCheckingOptions()
        .iterations(0)
        .addCustomScenario(scenario)
        .invocationsPerIteration(30)
        .verifier(EpsilonVerifier.class)
        .check(ParkerLincheckTest.class);
  }

  private static Actor actor(String name) throws NoSuchMethodException {
    Method method = ParkerLincheckTest.class.getMethod(name);
    return new Actor(method, List.of(), false, false, false, false, false);
  }
}
