package dev.gearbox.verification;

import dev.gearbox.runtime.Runtime;
import dev.gearbox.stream.Stream;
import dev.gearbox.stream.Streams;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;

/**
 * The Reactive Streams TCK's publisher rules (§1, §3) against {@link Streams#toPublisher}, on the
 * minimal runtime. Run by TestNG through the JUnit Platform.
 */
public class StreamPublisherTckTest extends FlowPublisherVerification<Long> {
  private final Runtime runtime = TckRuntime.create();

  /** Creates the verification with the TCK's signal timeout. */
  public StreamPublisherTckTest() {
    super(new TestEnvironment(TckRuntime.TIMEOUT_MILLIS));
  }

  @Override
  public Flow.Publisher<Long> createFlowPublisher(long elements) {
    return Streams.toPublisher(Streams.fromIterable(TckRuntime.range(elements)), runtime);
  }

  /**
   * None: the publisher polls its stream only while the subscriber has demand, so a failing stream
   * is reported at the first request, while the TCK's error-state rules (§1.4, §1.9) expect onError
   * with no request at all. {@code failureIsSignalledAtTheFirstRequest} covers that path instead.
   */
  @Override
  public Flow.Publisher<Long> createFailedFlowPublisher() {
    return null;
  }

  /**
   * A stream that fails at its first poll is reported as onError once something is requested.
   *
   * @throws Exception if no onError arrives in time
   */
  @org.testng.annotations.Test
  public void failureIsSignalledAtTheFirstRequest() throws Exception {
    Stream<Long> failing =
        cx -> {
          throw new IllegalStateException("this stream fails at its first poll");
        };
    CompletableFuture<Throwable> error = new CompletableFuture<>();
    Streams.toPublisher(failing, runtime)
        .subscribe(
            new Flow.Subscriber<Long>() {
              @Override
              public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(1);
              }

              @Override
              public void onNext(Long item) {
                error.completeExceptionally(new AssertionError("onNext " + item));
              }

              @Override
              public void onError(Throwable throwable) {
                error.complete(throwable);
              }

              @Override
              public void onComplete() {
                error.completeExceptionally(new AssertionError("onComplete"));
              }
            });
    Throwable signalled = error.get(5, TimeUnit.SECONDS);
    if (!(signalled instanceof IllegalStateException)) {
      throw new AssertionError("expected the stream's IllegalStateException", signalled);
    }
  }

  /** Shuts the runtime down once every rule was checked. */
  @AfterClass
  public void shutDown() {
    runtime.shutdown(Duration.ofSeconds(10));
  }
}
