package dev.gearbox.examples;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import dev.gearbox.guice.GearboxLifecycle;
import dev.gearbox.guice.GearboxModule;
import dev.gearbox.runtime.RuntimeConfig;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * A Guice application on Gearbox: {@link GearboxModule} binds the configured runtime and its clock,
 * the application's module binds its own components ({@link Reminders}), and the {@link
 * GearboxLifecycle} closes the runtime when the application ends. Its test swaps the runtime with
 * Guice's {@code Modules.override}.
 *
 * <p>{@code ./gearbox run-class dev.gearbox.examples.GuiceApp --runtime minimal}
 */
public final class GuiceApp {
  static final List<Reminders.Reminder> REMINDERS =
      List.of(
          new Reminders.Reminder("stretch", Duration.ofMillis(60)),
          new Reminders.Reminder("tea", Duration.ofMillis(20)),
          new Reminders.Reminder("stand up", Duration.ofMillis(40)));

  static final String USAGE =
      """
      usage: ./gearbox run-class dev.gearbox.examples.GuiceApp [--runtime KIND]
                 [--set KEY=VALUE]... [--help]

        --runtime KIND     the runtime GearboxModule binds; without it the usual configuration applies
        --set KEY=VALUE    one more configuration value, such as --set gearbox.workers=2
        --help             print this help and exit
      """;

  private GuiceApp() {}

  /** The application's own bindings. */
  static final class AppModule extends AbstractModule {
    @Override
    protected void configure() {
      bind(Reminders.class);
    }
  }

  /**
   * The modules of the application: Gearbox's, configured by {@code config}, and its own.
   *
   * @param config explicit configuration over the usual sources (empty: the usual sources alone)
   * @return the modules
   */
  static List<Module> modules(RuntimeConfig config) {
    return List.of(GearboxModule.of(config), new AppModule());
  }

  /**
   * Runs the application on the runtime the injector binds and returns what it printed.
   *
   * @param injector an injector of {@link #modules} (or an override of them)
   * @return the reminders as they fired
   */
  static List<String> run(Injector injector) {
    GearboxLifecycle lifecycle = injector.getInstance(GearboxLifecycle.class);
    try {
      return injector.getInstance(Reminders.class).fire(REMINDERS);
    } finally {
      lifecycle.close(); // the runtime is shut down here, its threads ended
    }
  }

  /**
   * Runs the application and prints the reminders as they fired.
   *
   * @param args {@code --runtime KIND}, {@code --set KEY=VALUE}, {@code --help}
   */
  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** As {@link #main}, with the given streams; returns 0, or 2 on bad usage or configuration. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    ServerOptions options;
    try {
      options = ServerOptions.parseRuntimeOnly(args);
    } catch (IllegalArgumentException e) {
      err.println("guice-app: " + e.getMessage() + "\n" + USAGE);
      return 2;
    }
    if (options.help()) {
      out.print(USAGE);
      return 0;
    }
    // Guice then uses reflection, not generated classes whose definer calls sun.misc.Unsafe,
    // which JDK 24+ warns about.
    if (System.getProperty("guice_bytecode_gen_option") == null) {
      System.setProperty("guice_bytecode_gen_option", "DISABLED");
    }
    Injector injector = Guice.createInjector(modules(options.config()));
    try {
      String kind = injector.getInstance(Reminders.class).runtimeKind();
      List<String> fired = run(injector);
      out.println("reminders on runtime " + kind + ": " + String.join(", ", fired));
      return 0;
    } catch (com.google.inject.ProvisionException e) {
      err.println("guice-app: " + e.getCause().getMessage());
      return 2;
    }
  }
}
