package dev.gearbox.testkit.sim;

import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.testkit.RuntimeConformanceTests;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite on the simulated runtime. The tests left out are those that do not apply to
 * a simulation, each with its reason: real loopback sockets bound outside the runtime (the
 * simulated runtime connects in its own network, which {@link SimNetworkTest} checks), measurements
 * of real time (the simulated clock is virtual and stands still while a task is ready), and the
 * order of a yield (its seeded choice takes a yielder as any ready task).
 */
class SimulatedConformanceTest extends RuntimeConformanceTests {
  private static final String REAL_SOCKETS =
      "uses real loopback sockets bound outside the runtime; the simulated runtime connects in its"
          + " own network (SimNetworkTest)";

  @Override
  public Runtime createRuntime(Map<String, String> extraConfig) {
    Map<String, String> config =
        new HashMap<>(Map.of(RuntimeConfig.RUNTIME_KEY, "simulated", "gearbox.sim.seed", "1"));
    config.putAll(extraConfig);
    return Runtimes.create(RuntimeConfig.of(config));
  }

  @Test
  @Disabled(
      "virtual time moves only when every task waits: tasks that yield forever stop the clock, so"
          + " a sleep beside them never ends (as with Tokio's paused time)")
  @Override
  public void timersFireWhileEveryWorkerIsBusy() {}

  @Test
  @Disabled(
      "virtual time moves only when every task waits: tasks that yield forever stop the clock, so"
          + " a sleep beside them never ends (as with Tokio's paused time)")
  @Override
  public void aYieldingTaskDoesNotStarveTimers() {}

  @Test
  @Disabled(
      "the simulation picks the next task at random among the ready ones, a yielder included, so"
          + " that seeded runs explore every interleaving of yields (RaceProofTest)")
  @Override
  public void aYieldLetsOtherReadyTasksRunFirst() {}

  @Test
  @Disabled("measures real elapsed time; the simulated clock is virtual")
  @Override
  public void timedPrimitivesUseTheRuntimeTimer() {}

  @Test
  @Disabled(REAL_SOCKETS)
  @Override
  public void halfCloseLetsThePeerAnswer() {}

  @Test
  @Disabled(REAL_SOCKETS)
  @Override
  public void tcpEchoRoundTrip() {}

  @Test
  @Disabled(REAL_SOCKETS)
  @Override
  public void peerResetFailsTheRead() {}

  @Test
  @Disabled(REAL_SOCKETS)
  @Override
  public void thousandConnectionsAtOnceEchoBack() {}

  @Test
  @Disabled(REAL_SOCKETS)
  @Override
  public void udpRoundTrip() {}

  @Test
  @Disabled(REAL_SOCKETS + "; the simulation does not drive the real reactor")
  @Override
  public void shutdownFailsFuturesWaitingOnIo() {}

  @Test
  @Disabled(REAL_SOCKETS)
  @Override
  public void descriptorsReturnToTheBaseline() {}
}
