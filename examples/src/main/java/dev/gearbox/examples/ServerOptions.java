package dev.gearbox.examples;

import dev.gearbox.runtime.RuntimeConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command-line options shared by the example servers ({@link EchoServer}, {@link ChatServer},
 * {@link HttpServer}): {@code --port}, {@code --host}, {@code --runtime}, {@code --set}, {@code
 * --help}.
 *
 * @param address where to listen
 * @param config the runtime configuration given on the command line
 * @param help whether {@code --help} was asked for
 */
record ServerOptions(InetSocketAddress address, RuntimeConfig config, boolean help) {
  /**
   * Parses {@code args}; the port is {@code defaultPort} unless {@code --port} says otherwise.
   *
   * @throws IllegalArgumentException naming the option, the value and what is allowed
   */
  static ServerOptions parse(String[] args, int defaultPort) {
    return parse(args, defaultPort, true);
  }

  /**
   * Parses the options of a program that only runs on a runtime: {@code --runtime}, {@code --set}
   * and {@code --help}; the address is null.
   *
   * @throws IllegalArgumentException naming the option, the value and what is allowed
   */
  static ServerOptions parseRuntimeOnly(String[] args) {
    return parse(args, 0, false);
  }

  private static ServerOptions parse(String[] args, int defaultPort, boolean server) {
    int port = defaultPort;
    String host = "127.0.0.1";
    Map<String, String> explicit = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        return new ServerOptions(null, null, true);
      }
      boolean address = arg.equals("--port") || arg.equals("--host");
      if (!(address && server) && !arg.equals("--runtime") && !arg.equals("--set")) {
        throw new IllegalArgumentException("unknown option '" + arg + "'");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(arg + " needs a value");
      }
      String value = args[++i];
      switch (arg) {
        case "--port" -> port = parsePort(value);
        case "--host" -> host = value;
        case "--runtime" -> explicit.put(RuntimeConfig.RUNTIME_KEY, value);
        default -> {
          int eq = value.indexOf('=');
          if (eq <= 0) {
            throw new IllegalArgumentException("--set expects KEY=VALUE, got '" + value + "'");
          }
          explicit.put(value.substring(0, eq).trim(), value.substring(eq + 1));
        }
      }
    }
    return new ServerOptions(
        server ? new InetSocketAddress(resolve(host), port) : null,
        RuntimeConfig.of(explicit, "command line"),
        false);
  }

  private static int parsePort(String value) {
    try {
      int port = Integer.parseInt(value.trim());
      if (port >= 0 && port <= 65_535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "--port " + value + " is not allowed: expected an integer from 0 to 65535");
  }

  private static InetAddress resolve(String host) {
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(
          "--host "
              + host
              + " is not allowed: expected an address of this machine, such as"
              + " 127.0.0.1");
    }
  }

  /** {@code 127.0.0.1:7000}. */
  static String format(InetSocketAddress address) {
    return address.getAddress().getHostAddress() + ":" + address.getPort();
  }
}
