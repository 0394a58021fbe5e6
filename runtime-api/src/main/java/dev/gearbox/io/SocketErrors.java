package dev.gearbox.io;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.Locale;

/**
 * Turns the JDK's terse socket exceptions ("Connection refused") into ones that say what was done
 * to which address ("connect to 127.0.0.1:1234 refused"), keeping the exception type and the
 * original as the cause.
 */
final class SocketErrors {
  private SocketErrors() {}

  /** {@code 127.0.0.1:8080}, {@code [::1]:8080}; other addresses as their {@code toString}. */
  static String format(SocketAddress address) {
    if (!(address instanceof InetSocketAddress inet)) {
      return String.valueOf(address);
    }
    String host =
        inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
  }

  /** A failed bind of {@code address}. */
  static IOException bindFailed(SocketAddress address, IOException cause) {
    String where = "bind " + format(address);
    if (cause instanceof BindException && mentions(cause, "in use")) {
      return withCause(new BindException(where + ": address already in use"), cause);
    }
    return withCause(new BindException(where + ": " + cause.getMessage()), cause);
  }

  /** A failed connection attempt to {@code address}. */
  static IOException connectFailed(SocketAddress address, IOException cause) {
    String where = "connect to " + format(address);
    if (mentions(cause, "refused")) {
      return withCause(new ConnectException(where + " refused"), cause);
    }
    return withCause(new ConnectException(where + " failed: " + cause.getMessage()), cause);
  }

  /**
   * A failed operation on an open socket.
   *
   * @param operation what was done, phrased to precede the address: "read from", "send to"
   */
  static IOException ioFailed(String operation, SocketAddress address, IOException cause) {
    String where = operation + " " + format(address);
    if (cause instanceof PortUnreachableException) {
      return withCause(new PortUnreachableException(where + ": port unreachable"), cause);
    }
    if (mentions(cause, "reset")) {
      return withCause(new SocketException(where + ": connection reset by peer"), cause);
    }
    if (mentions(cause, "broken pipe")) {
      return withCause(
          new SocketException(where + ": broken pipe (the peer closed the connection)"), cause);
    }
    return withCause(new IOException(where + ": " + cause.getMessage()), cause);
  }

  /** The failure of an operation on a socket its owner closed. */
  static SocketException closed(String description) {
    return new SocketException(description + " is closed");
  }

  private static boolean mentions(IOException e, String words) {
    String message = e.getMessage();
    return message != null && message.toLowerCase(Locale.ROOT).contains(words);
  }

  private static <E extends IOException> E withCause(E exception, Throwable cause) {
    exception.initCause(cause);
    return exception;
  }
}
