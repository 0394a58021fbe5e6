package dev.gearbox.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.gearbox.fiber.Fiber;
import dev.gearbox.fiber.FiberScope;
import dev.gearbox.fiber.FiberStreams;
import dev.gearbox.io.TcpListener;
import dev.gearbox.io.TcpStream;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.sync.Broadcast;
import dev.gearbox.sync.ChannelClosedException;
import dev.gearbox.sync.LaggedException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * {@link ChatServer} in direct style: each line a client sends goes to every other client as {@code
 * [N] line}. A connection has two directions, so its fiber forks a second one in a {@link
 * FiberScope}: the fork writes the room to the client while the connection's fiber reads the
 * client's lines into the room; when the client leaves, closing the scope cancels the fork.
 *
 * <p>{@code ./gearbox run-class dev.gearbox.examples.FiberChatServer --port 7001}, then {@code nc
 * 127.0.0.1 7001} in two terminals. Ctrl-C (or {@link #close()}) stops it gracefully: every client
 * gets what was already said, then {@value #GOODBYE} (for at most {@link #DRAIN_TIMEOUT}), then its
 * connection closes.
 */
public final class FiberChatServer implements ExampleServer {
  /** The last line every client receives when the server stops. */
  static final String GOODBYE = "* server shutting down, goodbye";

  /** The longest a stop waits for the clients to take what was already said. */
  static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);

  /** Messages the room retains for a slow client before it misses some. */
  static final int ROOM_CAPACITY = 1024;

  static final String USAGE =
      """
      usage: ./gearbox run-class dev.gearbox.examples.FiberChatServer [--port N] [--host ADDRESS]
                 [--runtime KIND] [--set KEY=VALUE]... [--help]

        --port N           the port to listen on, 0 to 65535 (0: a free one); default 7001
        --host ADDRESS     the address to listen on; default 127.0.0.1 (loopback only)
        --runtime KIND     the runtime to use; without it the usual configuration applies
        --set KEY=VALUE    one more configuration value, such as --set gearbox.workers=2
        --help             print this help and exit

      Each line a client sends goes to every other client; try nc 127.0.0.1 7001 in two terminals.
      """;

  /** A message in the room, from client {@code from} (0: the server). */
  private record Message(long from, String text) {}

  private final FiberAcceptor acceptor;
  private final Broadcast.Sender<Message> room;
  private final AtomicLong lastId = new AtomicLong();
  private final AtomicLong linesReceived = new AtomicLong();
  private final JoinHandle<Long> serving;

  private FiberChatServer(Runtime runtime, TcpListener listener) {
    this.acceptor = new FiberAcceptor(listener);
    Broadcast.Pair<Message> channel = Broadcast.channel(ROOM_CAPACITY);
    channel.receiver().close(); // each connection subscribes its own
    this.room = channel.sender();
    this.serving =
        runtime.spawnFiber(
            () -> {
              long connections = acceptor.serve(this::session);
              acceptor.drain(DRAIN_TIMEOUT); // after close(): the writers send what is left
              return connections;
            });
  }

  /** One connection: the room to the client in a fork, the client to the room here. */
  private void session(TcpStream stream) throws IOException {
    long id = lastId.incrementAndGet();
    Broadcast.Receiver<Message> inbox = room.subscribe(); // before the welcome: nothing is missed
    try (FiberScope scope = FiberScope.open()) {
      scope.fork(() -> writeRoom(id, inbox, stream));
      BufferedReader lines =
          new BufferedReader(new InputStreamReader(FiberStreams.input(stream), UTF_8));
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        linesReceived.incrementAndGet();
        say(new Message(id, "[" + id + "] " + line));
      }
      say(new Message(id, "* client " + id + " left"));
    } // the client left: closing the scope cancels the writer
  }

  /** Writes a welcome, then every message of the room not from this client, until it closes. */
  private Void writeRoom(long id, Broadcast.Receiver<Message> inbox, TcpStream stream)
      throws IOException {
    try {
      Writer out = new OutputStreamWriter(FiberStreams.output(stream), UTF_8);
      out.write("* welcome, you are client " + id + "\n");
      out.flush();
      for (Message message = next(inbox); message != null; message = next(inbox)) {
        if (message.from() != id) {
          out.write(message.text() + "\n");
          out.flush();
        }
      }
      return null;
    } finally {
      inbox.close();
      stream.close(); // the room ended (the server stops) or the client is gone: ends the reader
    }
  }

  /** The next message, or null when the room has closed; a slow client is told what it missed. */
  private static Message next(Broadcast.Receiver<Message> inbox) {
    try {
      return Fiber.await(inbox.receive());
    } catch (LaggedException lagged) {
      return new Message(0, "* you missed " + lagged.missed() + " messages");
    }
  }

  private void say(Message message) {
    try {
      room.send(message);
    } catch (ChannelClosedException stopping) {
      // the server stops, and says goodbye itself
    }
  }

  /**
   * Binds {@code address} and starts serving on {@code runtime}.
   *
   * @param runtime the runtime whose fibers serve the clients
   * @param address where to listen; port 0 picks a free port
   * @return the running server
   * @throws IOException naming the address if it cannot be bound ("address already in use")
   */
  public static FiberChatServer start(Runtime runtime, InetSocketAddress address)
      throws IOException {
    return new FiberChatServer(runtime, TcpListener.bind(address));
  }

  @Override
  public InetSocketAddress localAddress() {
    return acceptor.localAddress();
  }

  /**
   * Lines received from clients and said in the room so far.
   *
   * @return the count
   */
  public long linesReceived() {
    return linesReceived.get();
  }

  @Override
  public long awaitStopped(Duration timeout) throws Exception {
    return serving.join(timeout);
  }

  /**
   * Stops the server gracefully: no new connection (the port is free when this returns); every
   * client gets {@value #GOODBYE} after what was already said, then its connection closes. Returns
   * without waiting: {@link #awaitStopped} waits. Idempotent, any thread.
   */
  @Override
  public void close() {
    acceptor.stop();
    say(new Message(0, GOODBYE)); // a second close finds the room closed: nothing more is said
    room.close(); // the writers send what is left, then see the end and close their connections
  }

  private static final ServerMain.Spec<FiberChatServer> SPEC =
      new ServerMain.Spec<>("chat server", USAGE, 7001, FiberChatServer::start);

  /**
   * Runs the server until Ctrl-C; {@code --help} lists the options.
   *
   * @param args the command-line arguments
   */
  public static void main(String[] args) {
    ServerMain.main(SPEC, args);
  }

  /** Runs the server with the given streams until it is stopped; see {@link ServerMain#run}. */
  static int run(
      String[] args, PrintStream out, PrintStream err, Consumer<FiberChatServer> onStart) {
    return ServerMain.run(SPEC, args, out, err, onStart);
  }
}
