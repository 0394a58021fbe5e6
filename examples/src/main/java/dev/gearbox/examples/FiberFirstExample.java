package dev.gearbox.examples;

import dev.gearbox.fiber.Fiber;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.sync.Channel;

/**
 * {@link FirstExample} in direct style: a producer and a consumer fiber over a bounded channel, on
 * the configured runtime. {@code ./gearbox run-class dev.gearbox.examples.FiberFirstExample}.
 */
public final class FiberFirstExample {
  private FiberFirstExample() {}

  /**
   * Sends three messages to a consumer fiber and prints how many it counted.
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
          runtime.spawnFiber(
              () -> {
                int count = 0;
                while (Fiber.await(channel.receiver().receive()) != null) { // null: closed
                  count++;
                }
                return count;
              });
      runtime.spawnFiber(
          () -> {
            for (int i = 0; i < messages; i++) {
              Fiber.await(channel.sender().send("hello " + i)); // waits while the channel is full
            }
            channel.sender().close();
            return null;
          });
      return consumer.join();
    }
  }
}
