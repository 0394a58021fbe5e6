package dev.gearbox.shootout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shoot-out's command line, parsed. {@code runtimes} and {@code workloads} are empty when not
 * given (meaning every one); their names are checked against what is installed later, by {@link
 * Plan}, which knows what exists.
 */
record Options(
    Action action,
    List<String> runtimes,
    List<String> workloads,
    int runs,
    int warmup,
    Duration warmupTime,
    int workers,
    Map<String, String> settings,
    boolean quick,
    boolean sameJvm,
    int jvms,
    Path out,
    Path markdown) {

  /** What the program is asked to do. */
  enum Action {
    RUN,
    HELP,
    LIST,
    DESCRIBE
  }

  static final int MAX_RUNS = 1000;
  static final int MAX_WORKERS = 1024;
  static final int MAX_WARMUP_MILLIS = 600_000;
  static final int MAX_JVMS = 10;
  static final Path DEFAULT_OUT = Path.of("target", "shootout");

  /**
   * Settings every run starts from, under those of {@code --set}: a runtime with fixed task pools
   * gets room for the largest standard workload (skynet keeps up to 1,111,111 tasks alive at once).
   */
  static final Map<String, String> DEFAULT_SETTINGS =
      Map.of("gearbox.embedded.poolSize", "2000000");

  static final String USAGE =
      """
      usage: ./gearbox run [options]       (the shoot-out, in quick mode unless --full)

        --runtimes A,B,...   what to run: installed Gearbox runtimes and the JDK baselines
                             forkjoin and virtual (default: all of them but simulated)
        --workloads A,B,...  which workloads (default: all)
        --runs N             timed runs per runtime and workload (default 5, 1 to 1000)
        --warmup N           untimed runs before them (default 2; quick: 3; 0 to 1000)
        --warmup-ms N        and warm up for at least N ms of runs, so the JIT has compiled the
                             hot paths (default 1000; 0 to 600000)
        --workers N          worker threads of multi-threaded runtimes and of both baselines
                             (default 2, 1 to 1024); single-threaded runtimes run as they are
        --set KEY=VALUE      a configuration key for every runtime that declares it (repeatable;
                             default gearbox.embedded.poolSize=2000000, room for skynet)
        --quick              smaller workloads, two to three minutes in all
        --full               the workloads at their defined sizes (cancels --quick)
        --same-jvm           run every runtime in this JVM (default: each runtime in a JVM of
                             its own, so no runtime runs on code the JIT shaped for another's)
        --jvms N             run each runtime in N JVMs of its own, one round after another,
                             and pool their timed runs (default 1, 1 to 10)
        --out DIR            where report.csv, report.html and report.md go
                             (default target/shootout)
        --markdown FILE      also put report.md's tables into FILE, between the lines
                             <!-- shootout:begin --> and <!-- shootout:end -->
        --list               list the runtimes, baselines and workloads, and exit
        --describe           list every configuration key of the installed runtimes, and exit
        --help               print this help, and exit
      """;

  /**
   * Parses the command line.
   *
   * @throws UsageException naming the bad option or value and what is allowed
   */
  static Options parse(String... args) {
    Action action = Action.RUN;
    List<String> runtimes = List.of();
    List<String> workloads = List.of();
    Integer runs = null;
    Integer warmup = null;
    Integer warmupMillis = null;
    int workers = 2;
    Map<String, String> settings = new LinkedHashMap<>();
    boolean quick = false;
    boolean sameJvm = false;
    int jvms = 1;
    Path out = DEFAULT_OUT;
    Path markdown = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--help", "-h" -> action = Action.HELP;
        case "--list" -> action = action == Action.HELP ? action : Action.LIST;
        case "--describe" -> action = action == Action.HELP ? action : Action.DESCRIBE;
        case "--quick" -> quick = true;
        case "--full" -> quick = false;
        case "--same-jvm" -> sameJvm = true;
        case "--runtimes" -> runtimes = names(arg, value(args, ++i, arg));
        case "--workloads" -> workloads = names(arg, value(args, ++i, arg));
        case "--runs" -> runs = number(arg, value(args, ++i, arg), 1, MAX_RUNS);
        case "--warmup" -> warmup = number(arg, value(args, ++i, arg), 0, MAX_RUNS);
        case "--warmup-ms" ->
            warmupMillis = number(arg, value(args, ++i, arg), 0, MAX_WARMUP_MILLIS);
        case "--workers" -> workers = number(arg, value(args, ++i, arg), 1, MAX_WORKERS);
        case "--out" -> out = Path.of(value(args, ++i, arg));
        case "--jvms" -> jvms = number(arg, value(args, ++i, arg), 1, MAX_JVMS);
        case "--markdown" -> markdown = Path.of(value(args, ++i, arg));
        case "--set" -> setting(settings, value(args, ++i, arg));
        default ->
            throw new UsageException(
                "unknown option '"
                    + arg
                    + "': expected one of --runtimes, --workloads, --runs, --warmup,"
                    + " --warmup-ms, --workers,"
                    + " --set, --quick, --full, --same-jvm, --jvms, --out, --markdown, --list,"
                    + " --describe, --help");
      }
    }
    return new Options(
        action,
        runtimes,
        workloads,
        runs == null ? 5 : runs,
        warmup == null ? (quick ? 3 : 2) : warmup,
        Duration.ofMillis(warmupMillis == null ? 1000 : warmupMillis),
        workers,
        Map.copyOf(settings),
        quick,
        sameJvm,
        jvms,
        out,
        markdown);
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length || args[index].startsWith("--")) {
      throw new UsageException(option + " needs a value");
    }
    return args[index];
  }

  private static int number(String option, String text, int min, int max) {
    int value;
    try {
      value = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      value = Integer.MIN_VALUE;
    }
    if (value < min || value > max) {
      throw new UsageException(
          option + " " + text + " is not allowed: expected an integer from " + min + " to " + max);
    }
    return value;
  }

  private static void setting(Map<String, String> settings, String text) {
    int equals = text.indexOf('=');
    if (equals <= 0 || equals == text.length() - 1) {
      throw new UsageException(
          "--set '" + text + "' is not allowed: expected KEY=VALUE, such as gearbox.workers=4");
    }
    settings.put(text.substring(0, equals).trim(), text.substring(equals + 1).trim());
  }

  private static List<String> names(String option, String text) {
    List<String> names = new ArrayList<>();
    for (String name : text.split(",", -1)) {
      String trimmed = name.trim();
      if (trimmed.isEmpty()) {
        throw new UsageException(
            option + " '" + text + "' has an empty name: expected names separated by commas");
      }
      if (!names.contains(trimmed)) {
        names.add(trimmed);
      }
    }
    return List.copyOf(names);
  }

  /** A bad command line; the message names the bad option or value and what is allowed. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
