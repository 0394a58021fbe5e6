package dev.gearbox.examples;

import dev.gearbox.future.Future;
import dev.gearbox.future.Futures;
import dev.gearbox.future.Step;
import dev.gearbox.runtime.ConfigException;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.sync.Channel;
import dev.gearbox.time.Time;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One application, every runtime: the code below names no runtime; which one runs it is
 * configuration alone ({@code --runtime KIND}, {@code -Dgearbox.runtime=KIND}, {@code
 * GEARBOX_RUNTIME=KIND} or {@code gearbox.runtime=KIND} in {@code gearbox.properties}).
 *
 * <p>It spawns {@value #PRODUCERS} producer tasks that each wait on a timer, then send {@value
 * #PER_PRODUCER} numbers into one bounded channel; a consumer task counts and sums them until the
 * channel closes. {@code ./gearbox run-class dev.gearbox.examples.PortableApp --runtime minimal}.
 */
public final class PortableApp {
  static final int PRODUCERS = 4;
  static final int PER_PRODUCER = 250;
  static final Duration PAUSE = Duration.ofMillis(20);

  static final String USAGE =
      """
      usage: ./gearbox run-class dev.gearbox.examples.PortableApp [--runtime KIND]
                 [--set KEY=VALUE]... [--help]

        --runtime KIND     the runtime to use; without it the usual configuration applies
                           (-Dgearbox.runtime, GEARBOX_RUNTIME, gearbox.properties, the default)
        --set KEY=VALUE    one more configuration value, such as --set gearbox.workers=2
        --help             print this help and exit
      """;

  private PortableApp() {}

  /**
   * What one run did.
   *
   * @param runtime the kind of runtime it ran on
   * @param messages how many numbers the consumer received
   * @param sum their sum
   * @param elapsed the time it took, on the runtime's clock
   */
  record Report(String runtime, long messages, long sum, Duration elapsed) {}

  private record Tally(long messages, long sum) {}

  /**
   * Runs the application on {@code runtime}: producers, a channel, a consumer and a timer.
   *
   * @return what it did
   */
  static Report run(Runtime runtime) {
    long start = runtime.clock().nanoTime();
    Channel.Pair<Integer> channel = Channel.bounded(16);
    JoinHandle<Tally> consumer = runtime.spawn(consume(channel.receiver()));
    List<JoinHandle<Void>> producers = new ArrayList<>();
    for (int producer = 0; producer < PRODUCERS; producer++) {
      int first = producer * PER_PRODUCER + 1;
      producers.add(
          runtime.spawn(
              Time.sleep(PAUSE)
                  .andThen(Futures.repeat(PER_PRODUCER, i -> channel.sender().send(first + i)))));
    }
    Tally tally =
        runtime.blockOn(
            Futures.joinAll(producers)
                .flatMap(
                    allSent -> {
                      channel.sender().close(); // the consumer sees the end once it has drained
                      return consumer;
                    }));
    Duration elapsed = Duration.ofNanos(runtime.clock().nanoTime() - start);
    return new Report(runtime.kind(), tally.messages(), tally.sum(), elapsed);
  }

  private static Future<Tally> consume(Channel.Receiver<Integer> receiver) {
    return Futures.loop(
        new Tally(0, 0),
        (Tally tally) ->
            receiver
                .receive()
                .map(
                    number ->
                        number == null
                            ? Step.<Tally, Tally>done(tally)
                            : Step.<Tally, Tally>next(
                                new Tally(tally.messages() + 1, tally.sum() + number))));
  }

  /**
   * Runs the application on the configured runtime and prints what it did.
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
      err.println("portable-app: " + e.getMessage() + "\n" + USAGE);
      return 2;
    }
    if (options.help()) {
      out.print(USAGE);
      return 0;
    }
    try (Runtime runtime = Runtimes.create(options.config())) {
      Report report = run(runtime);
      out.printf(
          "ran on runtime %s: %d messages from %d producers, sum %d, after a %d ms timer;"
              + " took %d ms%n",
          report.runtime(),
          report.messages(),
          PRODUCERS,
          report.sum(),
          PAUSE.toMillis(),
          report.elapsed().toMillis());
      return 0;
    } catch (ConfigException e) {
      err.println("portable-app: " + e.getMessage());
      return 2;
    }
  }
}
