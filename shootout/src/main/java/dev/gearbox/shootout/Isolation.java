package dev.gearbox.shootout;

import dev.gearbox.shootout.workloads.Workload;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs each contestant of a plan in a JVM of its own, as JMH runs each benchmark in a fork: every
 * runtime's tasks go through code shared by all of them ({@code RawTask.run}, the workloads'
 * futures), and in one JVM the JIT shapes that code for the types it has seen first, so later
 * contestants would run on call sites made megamorphic by earlier ones.
 *
 * <p>The parent starts the program again per contestant (same JDK, JVM options, class path, main
 * class and arguments, narrowed to that contestant by {@code --runtimes}) with the system property
 * {@value #SAMPLES_TO} naming a file; such a child runs its cells and writes their samples there
 * instead of a table and reports. The parent reads them back and reports all contestants together.
 */
final class Isolation {
  /*
   * Implementation notes: the samples file has one line per cell, tab-separated: workload name,
   * contestant name, the contestant's threads in words (the child's own: a virtual-thread
   * scheduler's parallelism is its JVM's), outcome, the timed runs' nanoseconds (comma-separated),
   * failure text (tabs and line breaks turned into spaces in the last two). Units and unit counts
   * are not written: the parent takes them from its own plan, which the child's arguments
   * reproduce. A child that
   * ends without writing a cell (it crashed, or was killed) leaves that cell failed, naming its
   * exit status.
   */

  /** The system property that makes a run a child, naming the file its samples go to. */
  static final String SAMPLES_TO = "shootout.samplesTo";

  private Isolation() {}

  /**
   * Runs every contestant of {@code plan} in a child JVM started from {@code mainClass} with {@code
   * args}, one after another, and returns their measurements, contestant by contestant.
   *
   * @throws IOException if a child cannot be started or its file not read
   */
  static List<Measurement> run(Plan plan, Class<?> mainClass, String[] args, PrintStream out)
      throws IOException, InterruptedException {
    int rounds = plan.options().jvms();
    List<List<Measurement>> byRound = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      byRound.add(runRound(plan, mainClass, args, out, round));
    }
    return pool(byRound);
  }

  /**
   * The measurements of several rounds as one: per cell, the timed runs of every round together; a
   * cell that failed in any round is failed (with the first reason).
   */
  static List<Measurement> pool(List<List<Measurement>> rounds) {
    List<Measurement> pooled = new ArrayList<>(rounds.get(0));
    for (List<Measurement> round : rounds.subList(1, rounds.size())) {
      for (int i = 0; i < pooled.size(); i++) {
        pooled.set(i, pooled.get(i).pooledWith(round.get(i)));
      }
    }
    return pooled;
  }

  private static List<Measurement> runRound(
      Plan plan, Class<?> mainClass, String[] args, PrintStream out, int round)
      throws IOException, InterruptedException {
    List<Measurement> measurements = new ArrayList<>();
    int index = 0;
    int rounds = plan.options().jvms();
    for (Contestant contestant : plan.contestants()) {
      index++;
      out.printf(
          Locale.ROOT,
          "%s: a JVM of its own (%d of %d%s)%n",
          contestant.name(),
          index,
          plan.contestants().size(),
          rounds > 1 ? ", round " + round + " of " + rounds : "");
      out.flush();
      Path samples = Files.createTempFile("gearbox-shootout-", ".samples");
      try {
        List<String> childArgs = new ArrayList<>(Arrays.asList(args));
        childArgs.addAll(List.of("--runtimes", contestant.name()));
        List<String> command =
            Relaunch.javaCommand(
                mainClass,
                plan.options().workers(),
                List.of("-D" + SAMPLES_TO + "=" + samples),
                childArgs);
        int status = Relaunch.run(command);
        measurements.addAll(collect(plan, contestant, read(samples, plan), status));
      } finally {
        Files.deleteIfExists(samples);
      }
    }
    return measurements;
  }

  /** The child's side: writes its measurements to {@code file} for the parent. */
  static void write(List<Measurement> measurements, Path file) throws IOException {
    StringBuilder text = new StringBuilder();
    for (Measurement m : measurements) {
      text.append(m.workload())
          .append('\t')
          .append(m.contestant())
          .append('\t')
          .append(oneCell(m.threads()))
          .append('\t')
          .append(m.outcome().name())
          .append('\t')
          .append(
              Arrays.stream(m.samples()).mapToObj(Long::toString).collect(Collectors.joining(",")))
          .append('\t')
          .append(oneCell(m.failure()))
          .append('\n');
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /** A text as one cell of the samples file: tabs and line breaks turned into spaces. */
  private static String oneCell(String text) {
    return text.replaceAll("[\\t\\r\\n]+", " ");
  }

  /**
   * Reads a child's file back into measurements, taking each cell's unit from {@code plan}; empty
   * if the child wrote no file.
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if a line is malformed or names a cell not in the plan
   */
  static List<Measurement> read(Path file, Plan plan) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return List.of();
    }
    Map<String, Workload> workloads = byName(plan.workloads(), Workload::name);
    Map<String, Contestant> contestants = byName(plan.contestants(), Contestant::name);
    List<Measurement> measurements = new ArrayList<>();
    for (String line : lines) {
      if (line.isEmpty()) {
        continue;
      }
      String[] cells = line.split("\t", -1);
      if (cells.length != 6
          || !workloads.containsKey(cells[0])
          || !contestants.containsKey(cells[1])) {
        throw new IllegalArgumentException("a child's samples line is not understood: " + line);
      }
      long[] samples =
          cells[4].isEmpty()
              ? new long[0]
              : Arrays.stream(cells[4].split(",")).mapToLong(Long::parseLong).toArray();
      Workload workload = workloads.get(cells[0]);
      Contestant contestant = contestants.get(cells[1]);
      measurements.add(
          new Measurement(
              workload.name(),
              workload.unit(),
              workload.unitsPerRun(),
              contestant.name(),
              cells[2],
              Measurement.Outcome.valueOf(cells[3]),
              samples,
              cells[5]));
    }
    return measurements;
  }

  /** The contestant's cells in the plan's workload order; one its child did not write failed. */
  static List<Measurement> collect(
      Plan plan, Contestant contestant, List<Measurement> written, int status) {
    List<Measurement> cells = new ArrayList<>();
    for (Workload workload : plan.workloads()) {
      cells.add(
          written.stream()
              .filter(m -> m.workload().equals(workload.name()))
              .findFirst()
              .orElseGet(
                  () ->
                      Measurement.without(
                          workload,
                          contestant,
                          Measurement.Outcome.FAILED,
                          "its JVM ended (exit status " + status + ") before this cell ran")));
    }
    return cells;
  }

  private static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
    Map<String, T> map = new LinkedHashMap<>();
    items.forEach(item -> map.put(name.apply(item), item));
    return map;
  }
}
