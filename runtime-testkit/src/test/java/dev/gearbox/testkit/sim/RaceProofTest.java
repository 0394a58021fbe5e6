package dev.gearbox.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gearbox.future.Future;
import dev.gearbox.future.Futures;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.sync.Mutex;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Deliberately racy code that the simulated runtime finds within a bounded number of seeds, and its
 * fixed version, which passes every seed.
 */
class RaceProofTest {
  private static final int SEEDS = 1000;

  /** Shared state of the scenarios; each seed makes its own. */
  private static final class Account {
    int balance = 100;
    int counter;
  }

  // ---- check-then-act: the check and the act are split by an await

  private static Future<Boolean> racyWithdraw(Account account, int amount) {
    return Futures.lazy(() -> account.balance >= amount)
        .flatMap(
            enough ->
                !enough
                    ? Futures.ready(false)
                    : Futures.yieldNow() // e.g. an audit log write between check and act
                        .map(
                            ignored -> {
                              account.balance -= amount;
                              return true;
                            }));
  }

  private static Future<Boolean> fixedWithdraw(Account account, int amount) {
    return Futures.lazy(
            () -> {
              boolean enough = account.balance >= amount;
              if (enough) {
                account.balance -= amount; // checked and taken in one step: no await between
              }
              return enough;
            })
        .flatMap(enough -> Futures.yieldNow().map(ignored -> enough));
  }

  private interface Withdraw {
    Future<Boolean> apply(Account account, int amount);
  }

  /** Two clients withdraw 80 from 100; the second one waits a few steps first. */
  private static Simulation.Scenario twoWithdrawals(Withdraw withdraw) {
    return runtime -> {
      Account account = new Account();
      runtime.blockOn(
          Futures.lazy(
                  () ->
                      List.of(
                          runtime.spawn("first", withdraw.apply(account, 80)),
                          runtime.spawn(
                              "second",
                              Futures.repeat(3, step -> Futures.yieldNow())
                                  .flatMap(ignored -> withdraw.apply(account, 80)))))
              .flatMap(Futures::joinAll));
      assertThat(account.balance)
          .as("balance after two withdrawals of 80")
          .isGreaterThanOrEqualTo(0);
    };
  }

  @Test
  void checkThenActIsFoundWithinBoundedSeedsAndReportedWithItsSeed() {
    SimulationFailure failure =
        catchThrowableOfType(
            SimulationFailure.class,
            () -> Simulation.check(0, SEEDS, twoWithdrawals(RaceProofTest::racyWithdraw)));
    assertThat(failure).as("the race is found within %d seeds", SEEDS).isNotNull();
    assertThat(failure.attempts()).isBetween(1, SEEDS);
    assertThat(failure.getMessage())
        .contains("seed " + failure.seed())
        .contains("-Dgearbox.sim.seed=" + failure.seed())
        .contains("balance after two withdrawals of 80");
    // the reported seed replays the failure
    assertThatThrownBy(
            () -> Simulation.check(failure.seed(), 1, twoWithdrawals(RaceProofTest::racyWithdraw)))
        .isInstanceOf(SimulationFailure.class)
        .hasMessageContaining("seed " + failure.seed());
  }

  /**
   * How many of the seeds 0..count-1 fail: a race depends on the schedule, not on the code alone.
   */
  static int failingSeeds(Simulation.Scenario scenario, int count) {
    int failing = 0;
    for (long seed = 0; seed < count; seed++) {
      try {
        Simulation.check(seed, 1, scenario);
      } catch (SimulationFailure expected) {
        failing++;
      }
    }
    return failing;
  }

  @Test
  void onlySomeSchedulesLoseMoney() {
    int failing = failingSeeds(twoWithdrawals(RaceProofTest::racyWithdraw), 100);
    assertThat(failing).as("seeds of 100 that overdraw").isBetween(1, 99);
  }

  @Test
  void theFixedCheckAndActPassesEverySeed() {
    assertThat(Simulation.check(0, SEEDS, twoWithdrawals(RaceProofTest::fixedWithdraw)))
        .isEqualTo(SEEDS);
  }

  // ---- lost update: read, await, write back (two tasks, the second a few steps later)

  private static Future<Void> racyIncrement(Account account) {
    return Futures.lazy(() -> account.counter)
        .flatMap(read -> Futures.yieldNow().map(ignored -> account.counter = read + 1))
        .map(ignored -> null);
  }

  private static Future<Void> fixedIncrement(Account account, Mutex<Integer> lock) {
    return lock.lock()
        .flatMap(
            guard ->
                Futures.lazy(() -> account.counter)
                    .flatMap(read -> Futures.yieldNow().map(ignored -> account.counter = read + 1))
                    .map(
                        ignored -> {
                          guard.close();
                          return null;
                        }));
  }

  private static Simulation.Scenario twoIncrementers(boolean fixed) {
    return runtime -> {
      Account account = new Account();
      Mutex<Integer> lock = new Mutex<>(0);
      runtime.blockOn(
          Futures.lazy(
                  () -> {
                    List<JoinHandle<Void>> tasks = new ArrayList<>();
                    for (int i = 0; i < 2; i++) {
                      int head = 3 * i; // the second one starts a few steps later
                      tasks.add(
                          runtime.spawn(
                              "incrementer-" + i,
                              Futures.repeat(head, step -> Futures.yieldNow())
                                  .flatMap(
                                      started ->
                                          fixed
                                              ? fixedIncrement(account, lock)
                                              : racyIncrement(account))));
                    }
                    return tasks;
                  })
              .flatMap(Futures::joinAll));
      assertThat(account.counter).as("counter after two increments").isEqualTo(2);
    };
  }

  @Test
  void aLostUpdateIsFoundWithinBoundedSeedsAndReplaysTheSameTrace() {
    SimulationFailure failure =
        catchThrowableOfType(
            SimulationFailure.class, () -> Simulation.check(0, SEEDS, twoIncrementers(false)));
    assertThat(failure).as("the lost update is found within %d seeds", SEEDS).isNotNull();
    assertThat(failure.getMessage()).contains("counter after two increments");
    List<List<TraceEvent>> traces = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      assertThatThrownBy(
              () ->
                  Simulation.check(
                      failure.seed(),
                      1,
                      runtime -> {
                        try {
                          twoIncrementers(false).run(runtime);
                        } finally {
                          traces.add(runtime.trace());
                        }
                      }))
          .isInstanceOf(SimulationFailure.class);
    }
    assertThat(traces.get(1)).isEqualTo(traces.get(0));
  }

  @Test
  void onlySomeSchedulesLoseAnUpdate() {
    int failing = failingSeeds(twoIncrementers(false), 100);
    assertThat(failing).as("seeds of 100 that lose an update").isBetween(1, 99);
  }

  @Test
  void theFixedIncrementPassesEverySeed() {
    assertThat(Simulation.check(0, SEEDS, twoIncrementers(true))).isEqualTo(SEEDS);
  }
}
