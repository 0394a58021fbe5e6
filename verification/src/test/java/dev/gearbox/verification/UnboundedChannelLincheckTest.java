package dev.gearbox.verification;

import dev.gearbox.sync.Channel;
import dev.gearbox.sync.ChannelClosedException;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Lincheck: the unbounded channel's lock-free send, receive and close are linearizable against
 * their sequential behaviour (a FIFO queue that refuses sends once closed). One consumer: the
 * receive operations never run in parallel with each other.
 */
public class UnboundedChannelLincheckTest {
  private final Channel.Pair<Integer> channel = Channel.unbounded();

  @Operation
  public String trySend(int message) {
    try {
      return String.valueOf(channel.sender().trySend(message));
    } catch (ChannelClosedException closed) {
      return "closed";
    }
  }

  @Operation(nonParallelGroup = "consumer")
  public Integer tryReceive() {
    return channel.receiver().tryReceive();
  }

  @Operation(nonParallelGroup = "consumer")
  public boolean isClosedAndDrained() {
    return channel.receiver().isClosed() && channel.receiver().tryReceive() == null;
  }

  @Operation
  public void close() {
    channel.sender().close();
  }

  @Test
  void modelChecking() {
    new ModelCheckingOptions().iterations(8).invocationsPerIteration(100).check(getClass());
  }

  @Test
  void stress() {
    new StressOptions().iterations(1).invocationsPerIteration(100).check(getClass());
  }
}
