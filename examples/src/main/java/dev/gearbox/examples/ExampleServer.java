package dev.gearbox.examples;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/** What {@link ServerMain} needs of an example server: where it listens, and how it stops. */
interface ExampleServer extends AutoCloseable {

  /** The address the server listens on, with the actual port when started on port 0. */
  InetSocketAddress localAddress();

  /**
   * Waits until the server has stopped (see {@link #close()}) and returns the number of connections
   * it accepted.
   *
   * @throws java.util.concurrent.TimeoutException if it is still running after {@code timeout}
   */
  long awaitStopped(Duration timeout) throws Exception;

  /** Stops the server gracefully. Idempotent, any thread. */
  @Override
  void close();

  /** Starts a server on a runtime. */
  @FunctionalInterface
  interface Starter<S extends ExampleServer> {
    /**
     * Binds {@code address} and starts serving on {@code runtime}.
     *
     * @throws IOException naming the address if it cannot be bound
     */
    S start(dev.gearbox.runtime.Runtime runtime, InetSocketAddress address) throws IOException;
  }
}
