package dev.gearbox.io.codec;

import dev.gearbox.io.TcpListener;
import dev.gearbox.io.TcpStream;
import dev.gearbox.io.TestExecutor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/** Two ends of one loopback TCP connection, driven by a {@link TestExecutor}. */
final class StreamPair implements AutoCloseable {
  final TestExecutor executor;
  final TcpStream client;
  final TcpStream server;

  private StreamPair(TestExecutor executor, TcpStream client, TcpStream server) {
    this.executor = executor;
    this.client = client;
    this.server = server;
  }

  static StreamPair open(TestExecutor executor) throws Exception {
    try (TcpListener listener = TcpListener.bind(0)) {
      CompletableFuture<TcpStream> accepted = executor.spawn(listener.accept());
      TcpStream client = executor.block(TcpStream.connect(listener.localAddress()));
      TcpStream server = TestExecutor.await(accepted);
      client.setNoDelay(true);
      server.setNoDelay(true);
      return new StreamPair(executor, client, server);
    }
  }

  /** Writes {@code text} in UTF-8 from the client and waits until it is written. */
  void send(String text) throws Exception {
    send(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes {@code bytes} from the client and waits until they are written. */
  void send(byte[] bytes) throws Exception {
    executor.block(client.writeAll(ByteBuffer.wrap(bytes)));
  }

  /** Ends the client's side: the server reads end of stream after what was sent. */
  void endClient() throws Exception {
    client.shutdownOutput();
  }

  @Override
  public void close() {
    client.close();
    server.close();
  }
}
