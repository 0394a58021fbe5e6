package dev.gearbox.shootout;

import dev.gearbox.fiber.Fiber;
import dev.gearbox.runtime.ConfigException;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.shootout.workloads.Workload;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shoot-out program: runs every workload on every installed Gearbox runtime and on the JDK
 * baselines, with warm-up runs, timed runs and a fresh runtime per workload, prints progress and a
 * table, and writes {@code report.csv} and {@code report.html}. {@code ./gearbox run} runs it in
 * quick mode; {@code --help} lists the options. Add your own workloads with {@link #launch}.
 */
public final class ShootOut {
  private ShootOut() {}

  /**
   * Runs the shoot-out of the standard workloads as a program.
   *
   * @param args the command-line options ({@code --help} lists them)
   */
  public static void main(String[] args) {
    launch(args, List.of());
  }

  /**
   * Runs the shoot-out of the standard workloads and {@code workloads} as a program, then exits the
   * JVM with its status: 0 when every cell ran, 1 when some failed, 2 on bad usage. When the
   * virtual-thread baseline is to run with another parallelism than this JVM's, the program runs in
   * a child JVM started with the right one. Call it from your own {@code main}.
   *
   * @param args the command-line options
   * @param workloads your workloads, run after the standard ones
   */
  public static void launch(String[] args, List<Workload> workloads) {
    int status;
    Optional<List<String>> child =
        System.getProperty(Isolation.SAMPLES_TO) == null
            ? childCommand(args, workloads)
            : Optional.empty();
    if (child.isPresent()) {
      try {
        status = Relaunch.run(child.get());
      } catch (IOException | InterruptedException e) {
        System.err.println("shootout: could not start a JVM for the virtual threads: " + e);
        status = 1;
      }
    } else {
      status = run(args, workloads, System.out, System.err, mainClass());
    }
    System.exit(status);
  }

  /** The class whose {@code main} started this program: the bottom frame of this thread. */
  private static Class<?> mainClass() {
    return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
        .walk(frames -> frames.reduce((first, last) -> last).orElseThrow())
        .getDeclaringClass();
  }

  private static Optional<List<String>> childCommand(String[] args, List<Workload> workloads) {
    try {
      Options options = Options.parse(args);
      if (options.action() != Options.Action.RUN || Relaunch.parallelismIs(options.workers())) {
        return Optional.empty();
      }
      Plan plan = Plan.of(options, workloads);
      if (plan.contestants().stream().noneMatch(c -> c instanceof Contestant.Virtual)
          || (!options.sameJvm() && plan.contestants().size() > 1)) {
        return Optional.empty(); // or each runtime gets a JVM of its own, set up for it
      }
      return Relaunch.command(mainClass(), options.workers(), args);
    } catch (RuntimeException e) {
      return Optional.empty(); // run() reports it
    }
  }

  /**
   * Runs the shoot-out in this JVM, every runtime in it, writing to the given streams, and returns
   * its exit status. The virtual-thread baseline runs with this JVM's parallelism, which the report
   * states. {@link #launch} gives each runtime a JVM of its own instead.
   *
   * @param args the command-line options
   * @param workloads extra workloads, run after the standard ones
   * @param out where progress, the table and the report paths go
   * @param err where errors go
   * @return 0 when every cell ran, 1 when some failed or a report could not be written, 2 on bad
   *     usage
   */
  public static int run(String[] args, List<Workload> workloads, PrintStream out, PrintStream err) {
    return run(args, workloads, out, err, null);
  }

  /**
   * As {@link #run(String[], List, PrintStream, PrintStream)}; with {@code mainClass}, the program
   * that was started, each runtime runs in a JVM of its own started from it (unless {@code
   * --same-jvm}), and a run that is such a child (see {@link Isolation}) writes its samples for its
   * parent instead of a table and reports.
   */
  static int run(
      String[] args,
      List<Workload> workloads,
      PrintStream out,
      PrintStream err,
      Class<?> mainClass) {
    Plan plan;
    try {
      Options options = Options.parse(args);
      switch (options.action()) {
        case HELP -> {
          out.print(Options.USAGE);
          return 0;
        }
        case DESCRIBE -> {
          out.print(Runtimes.describe());
          return 0;
        }
        case LIST -> {
          list(options, workloads, out);
          return 0;
        }
        case RUN -> {}
      }
      plan = Plan.of(options, workloads);
    } catch (Options.UsageException | ConfigException e) {
      err.println("shootout: " + e.getMessage() + " (--help lists the options)");
      return 2;
    }
    String samplesTo = mainClass == null ? null : System.getProperty(Isolation.SAMPLES_TO);
    if (samplesTo != null) {
      return runChild(plan, Path.of(samplesTo), out, err);
    }
    boolean isolated =
        mainClass != null
            && !plan.options().sameJvm()
            && (plan.contestants().size() > 1 || plan.options().jvms() > 1);
    Machine machine = Machine.current();
    String mode = describe(plan, isolated);
    out.println("Gearbox shoot-out, " + mode);
    out.println("machine: " + machine.describe());
    List<Measurement> measurements;
    try {
      measurements =
          isolated ? Isolation.run(plan, mainClass, args, out) : new PlanRunner(plan, out).run();
    } catch (IOException e) {
      err.println("shootout: could not run a runtime in a JVM of its own: " + e);
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("shootout: interrupted while a runtime ran in a JVM of its own");
      return 1;
    }
    Results results = new Results(measurements, machine, mode);
    out.println();
    TextTable.print(results, out);
    boolean failed = anyFailed(results.measurements());
    try {
      Path dir = plan.options().out().toAbsolutePath();
      Files.createDirectories(dir);
      Path csv = Files.writeString(dir.resolve("report.csv"), CsvReport.render(results));
      Path html =
          Files.writeString(
              dir.resolve("report.html"),
              HtmlReport.render(results, ZonedDateTime.now()),
              StandardCharsets.UTF_8);
      String markdown = MarkdownReport.render(results, ZonedDateTime.now());
      Path md = Files.writeString(dir.resolve("report.md"), markdown, StandardCharsets.UTF_8);
      out.println("reports: " + csv + "\n         " + html + "\n         " + md);
      Path page = plan.options().markdown();
      if (page != null) {
        MarkdownReport.insertInto(page, markdown);
        out.println("updated: " + page);
      }
    } catch (IOException | IllegalArgumentException e) {
      err.println("shootout: could not write the reports: " + e);
      return 1;
    }
    return failed ? 1 : 0;
  }

  /** A child's run: its cells, their samples written to {@code file}, no table or report. */
  private static int runChild(Plan plan, Path file, PrintStream out, PrintStream err) {
    List<Measurement> measurements = new PlanRunner(plan, out).run();
    try {
      Isolation.write(measurements, file);
    } catch (IOException e) {
      err.println("shootout: could not write the samples for the parent JVM: " + e);
      return 1;
    }
    return anyFailed(measurements) ? 1 : 0;
  }

  private static boolean anyFailed(List<Measurement> measurements) {
    return measurements.stream().anyMatch(m -> m.outcome() == Measurement.Outcome.FAILED);
  }

  private static String describe(Plan plan, boolean isolated) {
    Options options = plan.options();
    return String.format(
        "%s mode: %d workloads × %d runtimes, %d warm-up and %d timed runs each"
            + " (warm-up for at least %d ms), a fresh runtime per workload, %s; %s",
        options.quick() ? "quick" : "full",
        plan.workloads().size(),
        plan.contestants().size(),
        options.warmup(),
        options.runs(),
        options.warmupTime().toMillis(),
        isolated
            ? (options.jvms() > 1
                ? "each runtime in " + options.jvms() + " JVMs of its own, their runs pooled"
                : "each runtime in a JVM of its own")
            : "every runtime in this JVM",
        fiberCarrier());
  }

  /**
   * What carries the fiber workloads' fibers, for the report, so that a fallback to the JDK's
   * scheduler is seen: this JVM's carrier, which is also its children's, since they are started
   * with its JVM options ({@link Relaunch#javaCommand}).
   */
  static String fiberCarrier() {
    return Fiber.carrier() == Fiber.Carrier.RUNTIME
        ? "fibers carried by their Gearbox runtime"
        : "fibers NOT carried by their runtime but by the JDK's virtual-thread scheduler (the JVM"
            + " lacks --add-opens java.base/java.lang=dev.gearbox.api --add-exports"
            + " java.base/jdk.internal.vm=dev.gearbox.api, or sets"
            + " gearbox.fiber.carrier=jdk)";
  }

  private static void list(Options options, List<Workload> extra, PrintStream out) {
    out.println("installed runtimes: " + String.join(", ", Runtimes.available()));
    out.println("JDK baselines: " + Contestant.FORK_JOIN + ", " + Contestant.VIRTUAL);
    out.println("workloads" + (options.quick() ? " (quick sizes)" : "") + ":");
    for (Map.Entry<String, Workload> entry : Plan.allWorkloads(options.quick(), extra).entrySet()) {
      Workload workload = entry.getValue();
      out.printf(
          "  %-16s %,d %ss per run%n", entry.getKey(), workload.unitsPerRun(), workload.unit());
    }
  }
}
