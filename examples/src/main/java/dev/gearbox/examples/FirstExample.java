package dev.gearbox.examples;

import dev.gearbox.future.Futures;
import dev.gearbox.future.Step;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.sync.Channel;

/** The first example of the README: a producer and a consumer task over a bounded channel. */
public final class FirstExample {
  private FirstExample() {}

  /**
   * Sends three messages to a consumer task and prints how many it counted.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    System.out.println(countMessages(3) + " messages received");
  }

  /**
   * Runs the example on the configured runtime.
   *
   * @param messages how many messages to send
   * @return how many the consumer received
   */
  static int countMessages(int messages) {
    try (Runtime runtime = Runtimes.create()) {
      Channel.Pair<String> channel = Channel.bounded(16);
      JoinHandle<Integer> consumer =
          runtime.spawn(
              Futures.loop(
                  0,
                  (Integer count) ->
                      channel
                          .receiver()
                          .receive()
                          .map(
                              message ->
                                  message == null
                                      ? Step.<Integer, Integer>done(count)
                                      : Step.<Integer, Integer>next(count + 1))));
      runtime.blockOn(Futures.repeat(messages, i -> channel.sender().send("hello " + i)));
      channel.sender().close();
      return runtime.blockOn(consumer);
    }
  }
}
