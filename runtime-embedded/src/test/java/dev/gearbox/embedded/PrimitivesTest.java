package dev.gearbox.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The allocation-free primitives, between pooled tasks on a hand-driven executor. */
class PrimitivesTest {
  private final EmbeddedExecutor executor =
      new EmbeddedExecutor("primitives", new ManualTimeDriver());
  private final TaskPool<LambdaBody> pool = LambdaBody.pool("tasks", 8);

  private void spawn(LambdaBody.Step step) {
    LambdaBody.spawn(executor.spawner(), pool, step);
  }

  @Test
  void channelIsFifoBoundedAndWakesBothSides() {
    FixedChannel<Integer> channel = new FixedChannel<>(2);
    List<Integer> received = new ArrayList<>();
    int[] sent = {0};
    spawn(
        cx -> {
          while (sent[0] < 5) {
            if (!channel.pollSend(cx, sent[0])) {
              return false;
            }
            sent[0]++;
          }
          return true;
        });
    executor.runUntilIdle();
    assertThat(sent[0]).as("the sender stops when the channel is full").isEqualTo(2);
    assertThat(channel.size()).isEqualTo(2);
    spawn(
        cx -> {
          Integer message;
          while ((message = channel.pollReceive(cx)) != null) {
            received.add(message);
          }
          return received.size() == 5;
        });
    executor.runUntilIdle();
    assertThat(received).containsExactly(0, 1, 2, 3, 4);
    assertThat(pool.busy()).isZero();
    assertThat(channel.trySend(9)).isTrue();
    assertThat(channel.tryReceive()).isEqualTo(9);
    assertThat(channel.tryReceive()).isNull();
    assertThatThrownBy(() -> new FixedChannel<>(0)).hasMessageContaining("capacity of at least 1");
  }

  @Test
  void signalKeepsOnlyTheLatestValue() {
    Signal<String> signal = new Signal<>();
    List<String> seen = new ArrayList<>();
    spawn(
        cx -> {
          String value;
          while ((value = signal.pollWait(cx)) != null) {
            seen.add(value);
          }
          return seen.size() == 2;
        });
    executor.runUntilIdle();
    signal.signal("first");
    signal.signal("second"); // replaces the first, not yet taken
    executor.runUntilIdle();
    assertThat(seen).containsExactly("second");
    signal.signal("third");
    executor.runUntilIdle();
    assertThat(seen).containsExactly("second", "third");
    assertThat(signal.isSignaled()).isFalse();
    signal.signal("dropped");
    signal.reset();
    assertThat(signal.tryTake()).isNull();
  }

  @Test
  void watchReceiversSeeEachChangeOnceAndSkipIntermediateValues() {
    FixedWatch<Integer> watch = new FixedWatch<>(2);
    FixedWatch<Integer>.Receiver first = watch.receiver();
    FixedWatch<Integer>.Receiver second = watch.receiver();
    assertThatThrownBy(watch::receiver)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("all its 2 receivers open");
    List<Integer> seenByFirst = new ArrayList<>();
    spawn(
        cx -> {
          Integer value;
          while ((value = first.pollChanged(cx)) != null) {
            seenByFirst.add(value);
          }
          return seenByFirst.contains(3);
        });
    executor.runUntilIdle();
    watch.send(1);
    executor.runUntilIdle();
    watch.send(2);
    watch.send(3); // the task sees only the latest
    executor.runUntilIdle();
    assertThat(seenByFirst).containsExactly(1, 3);
    assertThat(second.tryChanged()).isEqualTo(3);
    assertThat(second.tryChanged()).as("seen already").isNull();
    assertThat(watch.get()).isEqualTo(3);
    second.close();
    assertThat(watch.receiver()).isNotNull();
  }

  @Test
  void pubSubSubscriberLearnsHowManyItMissed() {
    PubSub<Integer> pubSub = new PubSub<>(3, 2);
    PubSub<Integer>.Subscriber fast = pubSub.subscriber();
    PubSub<Integer>.Subscriber slow = pubSub.subscriber();
    List<Integer> fastSeen = new ArrayList<>();
    spawn(
        cx -> {
          Integer message;
          while ((message = fast.pollNext(cx)) != null) {
            fastSeen.add(message);
          }
          return fastSeen.size() == 8;
        });
    for (int i = 0; i < 8; i++) {
      pubSub.publishImmediate(i); // never waits: drops the oldest when full
      executor.runUntilIdle();
    }
    assertThat(fastSeen).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    assertThat(slow.tryNext()).as("the oldest kept message").isEqualTo(5);
    assertThat(slow.takeMissed()).as("0 to 4 were dropped before it read them").isEqualTo(5);
    assertThat(slow.takeMissed()).isZero();
    assertThat(slow.tryNext()).isEqualTo(6);
    assertThat(slow.tryNext()).isEqualTo(7);
    assertThat(slow.tryNext()).isNull();
  }

  @Test
  void pubSubNextReportsTheLagBeforeTheNextMessage() throws Exception {
    PubSub<String> pubSub = new PubSub<>(2, 1);
    PubSub<String>.Subscriber subscriber = pubSub.subscriber();
    for (String message : List.of("a", "b", "c", "d", "e")) {
      pubSub.publishImmediate(message);
    }
    dev.gearbox.future.Context context = dev.gearbox.future.Context.of(() -> {});
    dev.gearbox.future.Future<PubSub.WaitResult<String>> next = subscriber.next();
    assertThat(next.poll(context))
        .isEqualTo(dev.gearbox.future.Poll.ready(new PubSub.Lagged<String>(3)));
    assertThat(subscriber.next().poll(context))
        .isEqualTo(dev.gearbox.future.Poll.ready(new PubSub.Message<>("d")));
    assertThat(subscriber.next().poll(context))
        .isEqualTo(dev.gearbox.future.Poll.ready(new PubSub.Message<>("e")));
    assertThat(subscriber.next().poll(context).isReady()).isFalse();
  }

  @Test
  void pubSubPublishWaitsForTheSlowestSubscriber() throws Exception {
    PubSub<Integer> pubSub = new PubSub<>(2, 1);
    PubSub<Integer>.Subscriber subscriber = pubSub.subscriber();
    int[] published = {0};
    spawn(
        cx -> {
          while (published[0] < 4) {
            if (!pubSub.pollPublish(cx, published[0])) {
              return false;
            }
            published[0]++;
          }
          return true;
        });
    executor.runUntilIdle();
    assertThat(published[0]).as("full: the subscriber has read nothing").isEqualTo(2);
    assertThat(subscriber.tryNext()).isEqualTo(0);
    executor.runUntilIdle();
    assertThat(published[0]).isEqualTo(3);
    PubSub.WaitResult<Integer> next =
        subscriber.next().poll(dev.gearbox.future.Context.of(() -> {}))
                instanceof dev.gearbox.future.Poll.Ready<PubSub.WaitResult<Integer>>(var result)
            ? result
            : null;
    assertThat(next).isEqualTo(new PubSub.Message<>(1));
    subscriber.close();
    executor.runUntilIdle();
    assertThat(published[0]).as("no subscriber holds messages back").isEqualTo(4);
  }

  @Test
  void pipeCopiesBytesInOrderAndWaitsForRoom() {
    FixedPipe pipe = new FixedPipe(4);
    byte[] message = "hello, pipe".getBytes(StandardCharsets.US_ASCII);
    int[] written = {0};
    StringBuilder read = new StringBuilder();
    spawn(
        cx -> {
          while (written[0] < message.length) {
            int count = pipe.pollWrite(cx, message, written[0], message.length - written[0]);
            if (count == 0) {
              return false;
            }
            written[0] += count;
          }
          return true;
        });
    byte[] buffer = new byte[3];
    spawn(
        cx -> {
          int count;
          while ((count = pipe.pollRead(cx, buffer, 0, buffer.length)) > 0) {
            read.append(new String(buffer, 0, count, StandardCharsets.US_ASCII));
          }
          return read.length() == message.length;
        });
    executor.runUntilIdle();
    assertThat(read.toString()).isEqualTo("hello, pipe");
    assertThat(pipe.size()).isZero();
    assertThat(pipe.tryWrite(message, 0, message.length)).isEqualTo(4);
    assertThat(pipe.tryWrite(message, 0, 1)).isZero();
  }

  @Test
  void mutexAdmitsOneTaskAtATime() {
    FixedMutex<int[]> mutex = new FixedMutex<>(new int[1]);
    List<String> events = new ArrayList<>();
    for (String name : List.of("a", "b", "c")) {
      boolean[] holding = {false};
      spawn(
          cx -> {
            if (!holding[0]) {
              if (!mutex.pollLock(cx)) {
                events.add(name + " waits");
                return false;
              }
              holding[0] = true;
              events.add(name + " locks");
              mutex.get()[0]++;
              cx.waker().wake(); // hold the lock across one batch
              return false;
            }
            events.add(name + " unlocks");
            mutex.unlock();
            return true;
          });
    }
    executor.runUntilIdle();
    assertThat(events.subList(0, 3)).containsExactly("a locks", "b waits", "c waits");
    assertThat(events).contains("b locks", "c locks");
    assertThat(events.stream().filter(e -> e.endsWith("unlocks"))).hasSize(3);
    assertThat(mutex.isLocked()).isFalse();
    assertThat(mutex.tryLock()).isTrue();
    assertThat(mutex.get()[0]).isEqualTo(3);
    mutex.unlock();
    assertThatThrownBy(mutex::unlock).hasMessageContaining("needs the lock held");
  }
}
