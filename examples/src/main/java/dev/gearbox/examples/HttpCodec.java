package dev.gearbox.examples;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The HTTP/1.1 of {@link HttpServer}: finds the next complete request in a connection's buffer and
 * writes its answer. Pure functions over bytes, so they are tested without sockets.
 *
 * <p>A request head (request line and headers, up to the blank line) may be at most {@link
 * #MAX_HEAD} bytes, a body at most {@link #MAX_BODY}; past either the answer is {@code 431} or
 * {@code 413} and the connection closes. Chunked request bodies are not supported ({@code 501}).
 */
final class HttpCodec {
  /** The largest request head: request line, headers and the blank line. */
  static final int MAX_HEAD = 8192;

  /** The largest request body. */
  static final int MAX_BODY = 65_536;

  /** The body of every {@code 200}. */
  static final String HELLO = "Hello, World!";

  private static final byte[] END_OF_HEAD = {'\r', '\n', '\r', '\n'};

  private HttpCodec() {}

  /**
   * The outcome of looking at the buffered bytes.
   *
   * @param consumed how many bytes the request took (0: incomplete, read more)
   * @param status the answer's status
   * @param reason why, for an error's body
   * @param head whether the method was {@code HEAD} (no body in the answer)
   * @param keepAlive whether the connection stays open after the answer
   */
  record Request(int consumed, int status, String reason, boolean head, boolean keepAlive) {
    static final Request INCOMPLETE = new Request(0, 0, "", false, true);

    boolean complete() {
      return consumed > 0 || !keepAlive;
    }

    static Request error(int status, String reason) {
      return new Request(0, status, reason, false, false);
    }
  }

  /**
   * Looks at {@code data[from, to)} for one complete request.
   *
   * @return {@link Request#INCOMPLETE}, a request to answer, or an error to answer before closing
   */
  static Request parse(byte[] data, int from, int to) {
    int end = indexOf(data, from, Math.min(to, from + MAX_HEAD));
    if (end < 0) {
      return to - from >= MAX_HEAD
          ? Request.error(431, "the request head is larger than " + MAX_HEAD + " bytes")
          : Request.INCOMPLETE;
    }
    String[] lines = new String(data, from, end - from, StandardCharsets.ISO_8859_1).split("\r\n");
    String[] requestLine = lines[0].split(" ");
    if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.")) {
      return Request.error(400, "malformed request line: " + lines[0]);
    }
    boolean http11 = requestLine[2].equals("HTTP/1.1");
    String connection = "";
    long contentLength = 0;
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon <= 0) {
        return Request.error(400, "malformed header: " + lines[i]);
      }
      String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = lines[i].substring(colon + 1).trim();
      switch (name) {
        case "connection" -> connection = value.toLowerCase(Locale.ROOT);
        case "transfer-encoding" -> {
          return Request.error(501, "transfer-encoding is not supported");
        }
        case "content-length" -> {
          try {
            contentLength = Long.parseLong(value);
          } catch (NumberFormatException e) {
            contentLength = -1;
          }
          if (contentLength < 0) {
            return Request.error(400, "content-length " + value + " is not a length");
          }
        }
        default -> {
          // other headers do not change the answer
        }
      }
    }
    if (contentLength > MAX_BODY) {
      return Request.error(
          413, "a body of " + contentLength + " bytes is larger than " + MAX_BODY + " bytes");
    }
    int consumed = end + END_OF_HEAD.length - from + (int) contentLength;
    if (to - from < consumed) {
      return Request.INCOMPLETE; // the body is still on its way
    }
    boolean keepAlive = http11 ? !connection.contains("close") : connection.contains("keep-alive");
    String method = requestLine[0];
    String target = requestLine[1];
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return new Request(consumed, 405, method + " is not allowed: GET or HEAD", false, keepAlive);
    }
    int status = target.equals("/") || target.startsWith("/?") ? 200 : 404;
    String reason = status == 200 ? HELLO : "no such page: " + target;
    return new Request(consumed, status, reason, method.equals("HEAD"), keepAlive);
  }

  /** Writes the answer to {@code request}: a plaintext body, or the reason of an error. */
  static void answer(Request request, ByteArrayOutputStream out) {
    byte[] body =
        (request.status() == 200 ? HELLO : request.reason() + "\n")
            .getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder(128);
    head.append("HTTP/1.1 ").append(request.status()).append(' ').append(phrase(request.status()));
    head.append("\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ");
    head.append(body.length).append("\r\n");
    if (request.status() == 405) {
      head.append("Allow: GET, HEAD\r\n");
    }
    if (!request.keepAlive()) {
      head.append("Connection: close\r\n");
    }
    head.append("\r\n");
    out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (!request.head()) {
      out.writeBytes(body);
    }
  }

  private static String phrase(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 413 -> "Content Too Large";
      case 431 -> "Request Header Fields Too Large";
      case 501 -> "Not Implemented";
      default -> "Unknown";
    };
  }

  /** The index of the first blank line ({@code \r\n\r\n}) in {@code data[from, to)}, or -1. */
  private static int indexOf(byte[] data, int from, int to) {
    for (int i = from; i + END_OF_HEAD.length <= to; i++) {
      if (data[i] == '\r' && data[i + 1] == '\n' && data[i + 2] == '\r' && data[i + 3] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
