package dev.gearbox.examples;

import dev.gearbox.runtime.ConfigException;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.Runtimes;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The command-line program around an example server: parses {@link ServerOptions}, creates the
 * configured runtime, starts the server, serves until it is stopped (Ctrl-C in {@link #main}), and
 * shuts the runtime down.
 */
final class ServerMain {
  private static final Duration FOREVER = Duration.ofDays(365 * 100);

  /**
   * What differs between the servers.
   *
   * @param name the server's name in messages, such as {@code echo server}
   * @param usage the help text
   * @param defaultPort the port without {@code --port}
   * @param starter starts the server
   */
  record Spec<S extends ExampleServer>(
      String name, String usage, int defaultPort, ExampleServer.Starter<S> starter) {}

  private ServerMain() {}

  /**
   * Runs the server until Ctrl-C, which stops it gracefully; exits with the status of {@link #run}.
   */
  static <S extends ExampleServer> void main(Spec<S> spec, String[] args) {
    CountDownLatch finished = new CountDownLatch(1);
    int status =
        run(
            spec,
            args,
            System.out,
            System.err,
            server -> stopOnShutdown(spec, server, finished),
            finished);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs the server with the given streams until it is stopped; returns the exit status.
   *
   * @param onStart called with the running server, to arrange how it is stopped
   * @return 0 after a stop, 1 if the address cannot be bound, 2 on bad usage or configuration
   */
  static <S extends ExampleServer> int run(
      Spec<S> spec, String[] args, PrintStream out, PrintStream err, Consumer<? super S> onStart) {
    return run(spec, args, out, err, onStart, new CountDownLatch(1));
  }

  private static <S extends ExampleServer> int run(
      Spec<S> spec,
      String[] args,
      PrintStream out,
      PrintStream err,
      Consumer<? super S> onStart,
      CountDownLatch finished) {
    String prefix = spec.name().replace(' ', '-') + ": ";
    ServerOptions options;
    try {
      options = ServerOptions.parse(args, spec.defaultPort());
    } catch (IllegalArgumentException e) {
      err.println(prefix + e.getMessage() + "\n" + spec.usage());
      return 2;
    }
    if (options.help()) {
      out.print(spec.usage());
      return 0;
    }
    try (Runtime runtime = Runtimes.create(options.config())) {
      S server;
      try {
        server = spec.starter().start(runtime, options.address());
      } catch (IOException e) {
        err.println(prefix + e.getMessage());
        return 1;
      }
      out.printf(
          "%s listening on %s (runtime %s); Ctrl-C stops it%n",
          spec.name(), ServerOptions.format(server.localAddress()), runtime.kind());
      onStart.accept(server);
      try {
        long connections = server.awaitStopped(FOREVER);
        out.printf("%s stopped after %d connections%n", spec.name(), connections);
      } catch (Exception e) {
        err.println(prefix + "stopped on a failure: " + e);
        return 1;
      } finally {
        server.close();
      }
      return 0;
    } catch (ConfigException e) {
      err.println(prefix + e.getMessage());
      return 2;
    } finally {
      finished.countDown(); // the runtime is shut down: a shutdown hook may let the JVM go
    }
  }

  /**
   * Stops {@code server} from a JVM shutdown hook (Ctrl-C), and lets the JVM exit only once {@link
   * #run} has shut the runtime down (or after 10 seconds).
   */
  private static void stopOnShutdown(Spec<?> spec, ExampleServer server, CountDownLatch finished) {
    java.lang.Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  try {
                    finished.await(10, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                spec.name().replace(' ', '-') + "-shutdown"));
  }
}
