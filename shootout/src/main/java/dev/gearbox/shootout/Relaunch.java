package dev.gearbox.shootout;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The virtual-thread scheduler's parallelism is read once, when the JVM starts, from {@code
 * -Djdk.virtualThreadScheduler.parallelism}. When a shoot-out with the virtual-thread baseline asks
 * for another number of workers than this JVM has, the program starts itself again in a child JVM
 * with the right setting (same JDK, JVM options, module or class path, main class and arguments)
 * and passes on its exit status. The {@code ./gearbox} launcher sets the parallelism to 2, the
 * default workers, so the usual run needs no second JVM.
 */
final class Relaunch {
  /** The JDK's system property for the virtual-thread scheduler's parallelism. */
  static final String PARALLELISM = "jdk.virtualThreadScheduler.parallelism";

  /** The JDK's system property for the most carrier threads it may add while threads block. */
  static final String MAX_POOL_SIZE = "jdk.virtualThreadScheduler.maxPoolSize";

  /** Set in the child, so that it never starts a third JVM. */
  static final String RELAUNCHED = "shootout.relaunched";

  private Relaunch() {}

  /** Whether this JVM's virtual-thread scheduler has {@code workers} carriers. */
  static boolean parallelismIs(int workers) {
    return Integer.toString(workers).equals(System.getProperty(PARALLELISM))
        && Integer.toString(workers).equals(System.getProperty(MAX_POOL_SIZE));
  }

  /**
   * The command that runs {@code mainClass} again with {@code args} in a JVM whose virtual-thread
   * scheduler has {@code workers} carriers, or empty if this JVM is already such a child.
   */
  static Optional<List<String>> command(Class<?> mainClass, int workers, String[] args) {
    if (Boolean.getBoolean(RELAUNCHED)) {
      return Optional.empty();
    }
    return Optional.of(javaCommand(mainClass, workers, List.of(), List.of(args)));
  }

  /**
   * The command that runs {@code mainClass} with {@code args} in a new JVM: this JVM's JDK, options
   * and module or class path, the virtual-thread scheduler set to {@code workers} carriers, marked
   * as relaunched, and the system properties {@code properties} ({@code -Dkey=value} each) added;
   * an option of this JVM that sets one of them is left out.
   */
  static List<String> javaCommand(
      Class<?> mainClass, int workers, List<String> properties, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      boolean replaced =
          properties.stream().anyMatch(p -> option.startsWith(p.substring(0, p.indexOf('=') + 1)));
      if (!option.startsWith("-Djdk.virtualThreadScheduler.")
          && !option.startsWith("-Djdk.module.")
          && !option.startsWith("-Djava.class.path")
          && !replaced) {
        command.add(option);
      }
    }
    command.add("-D" + PARALLELISM + "=" + workers);
    command.add("-D" + MAX_POOL_SIZE + "=" + workers);
    command.add("-D" + RELAUNCHED + "=true");
    command.addAll(properties);
    String modulePath = System.getProperty("jdk.module.path");
    Module module = mainClass.getModule();
    if (modulePath != null && module.isNamed()) {
      command.addAll(List.of("-p", modulePath, "-m", module.getName() + "/" + mainClass.getName()));
    } else {
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
    }
    command.addAll(args);
    return command;
  }

  /**
   * Runs the command with this process's standard streams and returns its exit status.
   *
   * @throws java.io.IOException if the child cannot be started
   */
  static int run(List<String> command) throws java.io.IOException, InterruptedException {
    return new ProcessBuilder(command).inheritIO().start().waitFor();
  }
}
