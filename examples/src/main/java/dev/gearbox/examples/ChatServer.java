package dev.gearbox.examples;

import dev.gearbox.future.Future;
import dev.gearbox.future.Futures;
import dev.gearbox.future.Step;
import dev.gearbox.io.TcpListener;
import dev.gearbox.io.TcpStream;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.Task;
import dev.gearbox.sync.Broadcast;
import dev.gearbox.sync.LaggedException;
import dev.gearbox.time.Time;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A line-based TCP chat server: each line a client sends is broadcast to every other client as
 * {@code [N] line}, where N numbers the client. Every room message goes through one {@link
 * Broadcast} channel; each connection has a reader task (its lines into the room) and a writer task
 * (the room to its socket).
 *
 * <p>{@code ./gearbox run-class dev.gearbox.examples.ChatServer --port 7001}, then {@code nc
 * 127.0.0.1 7001} in two terminals. Ctrl-C (or {@link #close()}) stops it gracefully: no new
 * connections, every client is told {@value #GOODBYE}, what was already said is drained to the
 * clients (for at most {@link #DRAIN_TIMEOUT}), then the connections are closed.
 */
public final class ChatServer implements ExampleServer {
  /** The last line every client receives when the server stops. */
  static final String GOODBYE = "* server shutting down, goodbye";

  /** The longest a stop waits for the clients to take what was already said. */
  static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);

  /** Messages the room retains for a slow client before it misses some. */
  static final int ROOM_CAPACITY = 1024;

  /** A line longer than this is cut into several messages. */
  static final int MAX_LINE = 4096;

  static final String USAGE =
      """
      usage: ./gearbox run-class dev.gearbox.examples.ChatServer [--port N] [--host ADDRESS]
                 [--runtime KIND] [--set KEY=VALUE]... [--help]

        --port N           the port to listen on, 0 to 65535 (0: a free one); default 7001
        --host ADDRESS     the address to listen on; default 127.0.0.1 (loopback only)
        --runtime KIND     the runtime to use; without it the usual configuration applies
        --set KEY=VALUE    one more configuration value, such as --set gearbox.workers=2
        --help             print this help and exit

      Each line a client sends goes to every other client; try nc 127.0.0.1 7001 in two terminals.
      """;

  private static final ServerMain.Spec<ChatServer> SPEC =
      new ServerMain.Spec<>("chat server", USAGE, 7001, ChatServer::start);

  /** A message in the room: a client's line, a client that left, or the goodbye (from 0). */
  private record Message(long from, String text, boolean left) {}

  private final Acceptor acceptor;
  private final Broadcast.Sender<Message> room;
  private final AtomicLong linesReceived = new AtomicLong();
  private final JoinHandle<Long> serving;

  private ChatServer(Runtime runtime, TcpListener listener) {
    this.acceptor = new Acceptor(listener);
    Broadcast.Pair<Message> channel = Broadcast.channel(ROOM_CAPACITY);
    channel.receiver().close(); // each connection subscribes its own
    this.room = channel.sender();
    this.serving = runtime.spawn(acceptor.run(this::session).flatMap(this::drain));
  }

  /**
   * Binds {@code address} and starts serving on {@code runtime}.
   *
   * @param runtime the runtime whose tasks serve the clients
   * @param address where to listen; port 0 picks a free port
   * @return the running server
   * @throws IOException naming the address if it cannot be bound ("address already in use")
   */
  public static ChatServer start(Runtime runtime, InetSocketAddress address) throws IOException {
    return new ChatServer(runtime, TcpListener.bind(address));
  }

  @Override
  public InetSocketAddress localAddress() {
    return acceptor.localAddress();
  }

  /**
   * Lines received from clients and broadcast so far.
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
   * Stops the server gracefully: no new connection is accepted (the port is free when this
   * returns), every client is sent {@value #GOODBYE} after what was already said to it, and each
   * connection is closed once its client has taken that. Returns without waiting for the drain:
   * {@link #awaitStopped} waits. Idempotent, any thread.
   */
  @Override
  public void close() {
    acceptor.stop();
    try {
      room.send(new Message(0, GOODBYE, false));
    } catch (RuntimeException alreadyClosed) {
      // a second close: the goodbye went out the first time
    }
    room.close(); // writers drain what remains, then see the end and close their connections
  }

  /**
   * One connection: its reader task is spawned beside, and the session is its writer, subscribed to
   * the room before anything can be said to the new client.
   */
  private Future<Void> session(TcpStream stream) {
    long id = acceptor.accepted(); // the accept loop counts, then calls this, one at a time
    Broadcast.Receiver<Message> inbox = room.subscribe();
    Task.spawn(readLines(id, stream));
    return writeLines(id, stream, inbox);
  }

  /** After the listener closed: waits for the writers to drain, then closes what is left. */
  private Future<Long> drain(long connectionCount) {
    return Time.timeout(acceptor.sessionsEnded(), DRAIN_TIMEOUT)
        .map(drained -> connectionCount)
        .recover(
            tooSlow -> {
              acceptor.closeAll(); // a client that does not read is cut off
              return connectionCount;
            });
  }

  /** Reads the client's lines into the room until it closes its side. */
  private Future<Void> readLines(long id, TcpStream stream) {
    ByteBuffer buffer = ByteBuffer.allocate(MAX_LINE);
    LineSplitter lines = new LineSplitter(MAX_LINE);
    return Futures.loop(
            (Void) null,
            (Void ignored) -> {
              buffer.clear();
              return stream
                  .read(buffer)
                  .map(
                      read -> {
                        if (read < 0) {
                          return Step.<Void, Void>done(null);
                        }
                        buffer.flip();
                        lines.split(
                            buffer,
                            line -> {
                              linesReceived.incrementAndGet();
                              room.send(new Message(id, "[" + id + "] " + line, false));
                            });
                        return Step.<Void, Void>next(null);
                      });
            })
        .recover(failure -> null) // reset by the client, closed by the server, or the room closed
        .inspect(
            done -> {
              if (!acceptor.stopping()) {
                sendQuietly(new Message(id, "* client " + id + " left", true));
              }
            });
  }

  /** Writes a welcome, then every room message not from this client, until the room ends. */
  private Future<Void> writeLines(long id, TcpStream stream, Broadcast.Receiver<Message> inbox) {
    Future<Void> session =
        stream
            .writeAll(utf8("* welcome, you are client " + id))
            .flatMap(
                welcomed ->
                    Futures.loop(
                        (Void) null,
                        (Void ignored) ->
                            receive(inbox)
                                .flatMap(
                                    message -> {
                                      if (message == null
                                          || (message.from() == id && message.left())) {
                                        return Futures.ready(Step.<Void, Void>done(null));
                                      }
                                      if (message.from() == id) {
                                        return Futures.ready(Step.<Void, Void>next(null));
                                      }
                                      return stream
                                          .writeAll(utf8(message.text()))
                                          .map(written -> Step.<Void, Void>next(null));
                                    })));
    return session
        .recover(failure -> null) // the client went away, or the drain cut it off
        .inspect(done -> inbox.close()); // and the acceptor closes the connection
  }

  /** The next room message; a client that fell too far behind is told how much it missed. */
  private static Future<Message> receive(Broadcast.Receiver<Message> inbox) {
    return inbox
        .receive()
        .recover(
            failure -> {
              if (failure instanceof LaggedException lagged) {
                return new Message(0, "* you missed " + lagged.missed() + " messages", false);
              }
              throw new IllegalStateException("receiving from the room failed", failure);
            });
  }

  private void sendQuietly(Message message) {
    try {
      room.send(message);
    } catch (RuntimeException closed) {
      // the room closed meanwhile: the server is stopping and says goodbye itself
    }
  }

  private static ByteBuffer utf8(String line) {
    return ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Runs the server until Ctrl-C; {@code --help} lists the options.
   *
   * @param args the command-line arguments
   */
  public static void main(String[] args) {
    ServerMain.main(SPEC, args);
  }

  /** Runs the server with the given streams until it is stopped; see {@link ServerMain#run}. */
  static int run(String[] args, PrintStream out, PrintStream err, Consumer<ChatServer> onStart) {
    return ServerMain.run(SPEC, args, out, err, onStart);
  }
}
