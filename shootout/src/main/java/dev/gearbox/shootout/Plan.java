package dev.gearbox.shootout;

import dev.gearbox.runtime.ConfigException;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.shootout.workloads.FiberWorkloads;
import dev.gearbox.shootout.workloads.StandardWorkloads;
import dev.gearbox.shootout.workloads.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a shoot-out will run: the contestants (the installed Gearbox runtimes, found at run time,
 * and the JDK baselines) and the workloads (the standard ones, the fiber ones and the caller's),
 * narrowed by the options.
 */
record Plan(List<Contestant> contestants, List<Workload> workloads, Options options) {
  /** The test-only deterministic runtime: left out unless asked for by name. */
  static final String SIMULATED = "simulated";

  /**
   * Resolves the options against what is installed.
   *
   * @throws Options.UsageException if a runtime or workload named in the options does not exist, or
   *     an extra workload reuses a name
   */
  static Plan of(Options options, List<Workload> extra) {
    return new Plan(
        contestants(options.runtimes(), options.workers(), options.settings()),
        workloads(options.workloads(), options.quick(), extra),
        options);
  }

  /** Every contestant name that exists, the default ones first. */
  static List<String> contestantNames() {
    List<String> names = new ArrayList<>(Runtimes.available());
    names.add(Contestant.FORK_JOIN);
    names.add(Contestant.VIRTUAL);
    return names;
  }

  private static List<Contestant> contestants(
      List<String> chosen, int workers, Map<String, String> settings) {
    List<String> known = contestantNames();
    Map<String, String> merged = new LinkedHashMap<>(Options.DEFAULT_SETTINGS);
    merged.putAll(settings);
    checkDeclared(settings);
    List<String> names = chosen;
    if (names.isEmpty()) {
      names = known.stream().filter(name -> !name.equals(SIMULATED)).toList();
    }
    List<Contestant> contestants = new ArrayList<>();
    for (String name : names) {
      if (!known.contains(name)) {
        throw new Options.UsageException(
            "--runtimes: '"
                + name
                + "' is not an installed runtime or a baseline: expected some of "
                + String.join(", ", known));
      }
      contestants.add(
          switch (name) {
            case Contestant.FORK_JOIN -> new Contestant.ForkJoin(workers);
            case Contestant.VIRTUAL -> Contestant.Virtual.ofThisJvm();
            default -> Contestant.Gearbox.of(name, workers, merged);
          });
    }
    return List.copyOf(contestants);
  }

  /** Fails unless some installed runtime declares each key of {@code settings}. */
  private static void checkDeclared(Map<String, String> settings) {
    try {
      Runtimes.checkKeys(RuntimeConfig.of(settings, "--set"));
    } catch (ConfigException e) {
      throw new Options.UsageException(e.getMessage());
    }
  }

  /** The standard workloads of the mode, then the fiber workloads, then the extra ones, by name. */
  static Map<String, Workload> allWorkloads(boolean quick, List<Workload> extra) {
    Map<String, Workload> byName = new LinkedHashMap<>();
    for (Workload workload : quick ? StandardWorkloads.quick() : StandardWorkloads.full()) {
      byName.put(workload.name(), workload);
    }
    for (Workload workload : quick ? FiberWorkloads.quick() : FiberWorkloads.full()) {
      byName.put(workload.name(), workload);
    }
    for (Workload workload : extra) {
      if (byName.putIfAbsent(workload.name(), workload) != null) {
        throw new Options.UsageException(
            "two workloads are named '"
                + workload.name()
                + "' ("
                + byName.get(workload.name()).getClass().getName()
                + " and "
                + workload.getClass().getName()
                + "): give yours another name");
      }
      if (workload.unitsPerRun() <= 0) {
        throw new Options.UsageException(
            "workload '"
                + workload.name()
                + "' has unitsPerRun() = "
                + workload.unitsPerRun()
                + ": expected a positive count");
      }
    }
    return byName;
  }

  private static List<Workload> workloads(
      List<String> chosen, boolean quick, List<Workload> extra) {
    Map<String, Workload> all = allWorkloads(quick, extra);
    if (chosen.isEmpty()) {
      return List.copyOf(all.values());
    }
    List<Workload> workloads = new ArrayList<>();
    for (String name : chosen) {
      Workload workload = all.get(name);
      if (workload == null) {
        throw new Options.UsageException(
            "--workloads: '"
                + name
                + "' is not a workload: expected some of "
                + String.join(", ", all.keySet()));
      }
      workloads.add(workload);
    }
    return List.copyOf(workloads);
  }

  /** The number of cells: contestants times workloads. */
  int cells() {
    return contestants.size() * workloads.size();
  }
}
