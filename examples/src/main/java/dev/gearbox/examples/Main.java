package dev.gearbox.examples;

import dev.gearbox.runtime.ConfigException;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The main program: runs a short tour of workloads on the configured runtime and prints what each
 * cost. {@code ./gearbox run --help} lists the options.
 */
public final class Main {
  private static final String USAGE =
      """
      usage: ./gearbox run [--runtime KIND] [--set KEY=VALUE]... [--list] [--describe] [--help]

        --runtime KIND     the runtime to use (same as -Dgearbox.runtime=KIND); without it the usual
                           configuration applies: system property, GEARBOX_RUNTIME, gearbox.properties,
                           then the default
        --set KEY=VALUE    one more configuration value, such as --set gearbox.workers=2
        --list             list the installed runtimes and exit
        --describe         list every configuration key of the installed runtimes and exit
        --help             print this help and exit
      """;

  private Main() {}

  /**
   * Runs the program.
   *
   * @param args the command-line arguments
   */
  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs the program with the given streams; returns the exit status.
   *
   * @param args the command-line arguments
   * @param out where results go
   * @param err where errors go
   * @return 0 on success, 2 on bad usage or configuration
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    Map<String, String> explicit = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--help", "-h" -> {
          out.print(USAGE);
          return 0;
        }
        case "--describe" -> {
          out.print(Runtimes.describe());
          return 0;
        }
        case "--list" -> {
          out.println("installed runtimes: " + String.join(", ", Runtimes.available()));
          return 0;
        }
        case "--runtime", "--set" -> {
          if (i + 1 >= args.length) {
            err.println("gearbox: " + arg + " needs a value\n" + USAGE);
            return 2;
          }
          String value = args[++i];
          if (arg.equals("--runtime")) {
            explicit.put(RuntimeConfig.RUNTIME_KEY, value);
          } else {
            int eq = value.indexOf('=');
            if (eq <= 0) {
              err.println("gearbox: --set expects KEY=VALUE, got '" + value + "'");
              return 2;
            }
            explicit.put(value.substring(0, eq).trim(), value.substring(eq + 1));
          }
        }
        default -> {
          err.println("gearbox: unknown option '" + arg + "'\n" + USAGE);
          return 2;
        }
      }
    }
    RuntimeConfig config = RuntimeConfig.of(explicit, "command line");
    try (Runtime runtime = Runtimes.create(config)) {
      RuntimeConfig resolved = Runtimes.resolve(config);
      out.printf(
          "Gearbox on runtime '%s' (%s: %s)%n",
          runtime.kind(),
          RuntimeConfig.RUNTIME_KEY,
          resolved
              .kind()
              .map(kind -> "from " + resolved.source(RuntimeConfig.RUNTIME_KEY))
              .orElse("the default"));
      for (Tour.Step step : Tour.steps()) {
        Tour.Result result = step.run(runtime);
        out.printf(
            "  %-14s %,12d %-11s in %8.1f ms  %8.1f ns per %s%n",
            step.name(),
            result.units(),
            step.unit() + "s",
            result.nanos() / 1e6,
            (double) result.nanos() / result.units(),
            step.unit());
      }
      out.println("  metrics: " + runtime.metrics().all());
      return 0;
    } catch (ConfigException e) {
      err.println("gearbox: " + e.getMessage());
      return 2;
    }
  }
}
