package dev.gearbox.examples;

import dev.gearbox.runtime.RuntimeConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command-line options of {@link EchoServer}.
 *
 * @param address where to listen
 * @param config the runtime configuration given on the command line
 * @param help whether {@code --help} was asked for
 */
record EchoServerOptions(InetSocketAddress address, RuntimeConfig config, boolean help) {
  /** The default port. */
  static final int DEFAULT_PORT = 7000;

  static final String USAGE =
      """
      usage: ./gearbox run-class dev.gearbox.examples.EchoServer [--port N] [--host ADDRESS]
                 [--runtime KIND] [--set KEY=VALUE]... [--help]

        --port N           the port to listen on, 0 to 65535 (0: a free one); default 7000
        --host ADDRESS     the address to listen on; default 127.0.0.1 (loopback only)
        --runtime KIND     the runtime to use; without it the usual configuration applies
        --set KEY=VALUE    one more configuration value, such as --set gearbox.workers=2
        --help             print this help and exit

      It echoes every byte each client sends until stopped with Ctrl-C; try: nc 127.0.0.1 7000
      """;

  /**
   * Parses {@code args}.
   *
   * @throws IllegalArgumentException naming the option, the value and what is allowed
   */
  static EchoServerOptions parse(String[] args) {
    int port = DEFAULT_PORT;
    String host = "127.0.0.1";
    Map<String, String> explicit = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        return new EchoServerOptions(null, null, true);
      }
      if (!arg.equals("--port")
          && !arg.equals("--host")
          && !arg.equals("--runtime")
          && !arg.equals("--set")) {
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
    return new EchoServerOptions(
        new InetSocketAddress(resolve(host), port),
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
