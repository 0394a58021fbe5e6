package dev.gearbox.verification;

import dev.gearbox.runtime.Runtime;
import dev.gearbox.stream.Streams;
import dev.gearbox.stream.SubscriberStream;
import java.time.Duration;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowSubscriberBlackboxVerification;
import org.testng.annotations.AfterClass;

/**
 * The Reactive Streams TCK's subscriber rules (§2) against {@link SubscriberStream}, consumed by a
 * task of the minimal runtime, as a black box. Run by TestNG through the JUnit Platform.
 */
public class SubscriberStreamTckTest extends FlowSubscriberBlackboxVerification<Integer> {
  private final Runtime runtime = TckRuntime.create();

  /** Creates the verification with the TCK's signal timeout. */
  public SubscriberStreamTckTest() {
    super(new TestEnvironment(TckRuntime.TIMEOUT_MILLIS));
  }

  @Override
  public Flow.Subscriber<Integer> createFlowSubscriber() {
    SubscriberStream<Integer> stream = Streams.subscriber(16);
    runtime.spawn(stream.forEach(item -> {}));
    return stream;
  }

  @Override
  public Integer createElement(int element) {
    return element;
  }

  /** Shuts the runtime down once every rule was checked. */
  @AfterClass
  public void shutDown() {
    runtime.shutdown(Duration.ofSeconds(10));
  }
}
