package dev.gearbox.benchmarks;

import dev.gearbox.future.Futures;
import dev.gearbox.future.Step;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.sync.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Channel throughput on each runtime kind ({@link RuntimeKindState}): {@code producers} tasks send
 * {@link #MESSAGES} messages in all through one channel to a consumer task that receives them in
 * batches. The score is messages per microsecond.
 *
 * <p>With eight producers on the bounded channel (capacity 128) the channel is contended: the
 * producers outnumber the workers, most of them find it full, register as waiting senders and are
 * woken as the consumer drains a batch. On {@code embedded} every task runs on the one executor
 * thread, so there the contention is between tasks only, never between threads.
 */
@State(Scope.Benchmark)
@Fork(jvmArgsAppend = {ForkOptions.HEAP_MIN, ForkOptions.HEAP_MAX, ForkOptions.PRE_TOUCH})
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ChannelBenchmark {
  /** Messages per invocation. */
  public static final int MESSAGES = 100_000;

  /** How many producer tasks share the sender; each divides {@link #MESSAGES}. */
  @Param({"1", "4", "8"})
  public int producers;

  /** {@code bounded} (capacity 128) or {@code unbounded}. */
  @Param({"bounded", "unbounded"})
  public String kind;

  /** Creates the benchmark; JMH calls this. */
  public ChannelBenchmark() {}

  /**
   * Sends and receives {@link #MESSAGES} messages.
   *
   * @param state the runtime
   * @return the messages received
   */
  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public int sendAndReceive(RuntimeKindState state) {
    Runtime runtime = state.rt;
    Channel.Pair<Integer> pair =
        kind.equals("bounded") ? Channel.bounded(128) : Channel.unbounded();
    int perProducer = MESSAGES / producers;
    for (int producer = 0; producer < producers; producer++) {
      runtime.spawn(Futures.repeat(perProducer, i -> pair.sender().send(i)));
    }
    List<Integer> batch = new ArrayList<>(256);
    return runtime
        .spawn(
            Futures.loop(
                0,
                (Integer received) ->
                    received == perProducer * producers
                        ? Futures.ready(Step.<Integer, Integer>done(received))
                        : pair.receiver()
                            .receiveMany(batch, 256)
                            .map(
                                count -> {
                                  batch.clear();
                                  return Step.<Integer, Integer>next(received + count);
                                })))
        .join();
  }
}
