package dev.gearbox.shootout;

import dev.gearbox.runtime.ConfigException;
import dev.gearbox.runtime.Runtimes;
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
    Optional<List<String>> child = childCommand(args, workloads);
    if (child.isPresent()) {
      try {
        status = Relaunch.run(child.get());
      } catch (IOException | InterruptedException e) {
        System.err.println("shootout: could not start a JVM for the virtual threads: " + e);
        status = 1;
      }
    } else {
      status = run(args, workloads, System.out, System.err);
    }
    System.exit(status);
  }

  private static Optional<List<String>> childCommand(String[] args, List<Workload> workloads) {
    try {
      Options options = Options.parse(args);
      if (options.action() != Options.Action.RUN || Relaunch.parallelismIs(options.workers())) {
        return Optional.empty();
      }
      Plan plan = Plan.of(options, workloads);
      if (plan.contestants().stream().noneMatch(c -> c instanceof Contestant.Virtual)) {
        return Optional.empty();
      }
      Class<?> mainClass =
          StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
              .walk(frames -> frames.reduce((first, last) -> last).orElseThrow())
              .getDeclaringClass();
      return Relaunch.command(mainClass, options.workers(), args);
    } catch (RuntimeException e) {
      return Optional.empty(); // run() reports it
    }
  }

  /**
   * Runs the shoot-out in this JVM, writing to the given streams, and returns its exit status. The
   * virtual-thread baseline runs with this JVM's parallelism, which the report states.
   *
   * @param args the command-line options
   * @param workloads extra workloads, run after the standard ones
   * @param out where progress, the table and the report paths go
   * @param err where errors go
   * @return 0 when every cell ran, 1 when some failed or a report could not be written, 2 on bad
   *     usage
   */
  public static int run(String[] args, List<Workload> workloads, PrintStream out, PrintStream err) {
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
    Machine machine = Machine.current();
    String mode = describe(plan);
    out.println("Gearbox shoot-out, " + mode);
    out.println("machine: " + machine.describe());
    Results results = new Results(new Runner(plan, out).run(), machine, mode);
    out.println();
    TextTable.print(results, out);
    boolean failed =
        results.measurements().stream().anyMatch(m -> m.outcome() == Measurement.Outcome.FAILED);
    try {
      Path dir = plan.options().out().toAbsolutePath();
      Files.createDirectories(dir);
      Path csv = Files.writeString(dir.resolve("report.csv"), CsvReport.render(results));
      Path html =
          Files.writeString(
              dir.resolve("report.html"),
              HtmlReport.render(results, ZonedDateTime.now()),
              StandardCharsets.UTF_8);
      out.println("reports: " + csv + "\n         " + html);
    } catch (IOException e) {
      err.println("shootout: could not write the reports: " + e);
      return 1;
    }
    return failed ? 1 : 0;
  }

  private static String describe(Plan plan) {
    Options options = plan.options();
    return String.format(
        "%s mode: %d workloads × %d runtimes, %d warm-up and %d timed runs each"
            + " (warm-up for at least %d ms), a fresh runtime per workload",
        options.quick() ? "quick" : "full",
        plan.workloads().size(),
        plan.contestants().size(),
        options.warmup(),
        options.runs(),
        options.warmupTime().toMillis());
  }

  private static void list(Options options, List<Workload> extra, PrintStream out) {
    out.println("installed runtimes: " + String.join(", ", Runtimes.available()));
    out.println("JDK baselines: " + Contestant.FORK_JOIN + ", " + Contestant.VIRTUAL);
    out.println("workloads" + (options.quick() ? " (quick sizes)" : "") + ":");
    for (Map.Entry<String, Workload> entry : Plan.allWorkloads(options.quick(), extra).entrySet()) {
      Workload workload = entry.getValue();
      out.printf(
          "  %-14s %,d %ss per run%n", entry.getKey(), workload.unitsPerRun(), workload.unit());
    }
  }
}
