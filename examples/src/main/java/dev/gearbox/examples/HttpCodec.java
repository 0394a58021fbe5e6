package dev.gearbox.examples;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The HTTP/1.1 of {@link HttpServer}: finds the next complete request in a connection's buffer and
 * writes its answer. Pure functions over bytes, so they are tested without sockets.
 *
 * <p>A request head (request line and headers, up to the blank line) may be at most {@link
 * #MAX_HEAD} bytes, a body at most {@link #MAX_BODY}; past either the answer is {@code 431} or
 * {@code 413} and the connection closes. Chunked request bodies are not supported ({@code 501}).
 *
 * <p>Framing is strict, as RFC 9112 asks of a server: differing {@code Content-Length} values (the
 * request smuggling vector) or one that is not plain digits get {@code 400}; an HTTP/1.1 request
 * without exactly one {@code Host} gets {@code 400}; a version other than HTTP/1.0 and HTTP/1.1
 * gets {@code 505}. Each error closes the connection.
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
    String[] lines = lines(new String(data, from, end - from, StandardCharsets.ISO_8859_1));
    String[] requestLine = lines[0].split(" ");
    if (requestLine.length != 3 || !isVersion(requestLine[2])) {
      return Request.error(400, "malformed request line: " + lines[0]);
    }
    String version = requestLine[2];
    boolean http11 = version.equals("HTTP/1.1");
    if (!http11 && !version.equals("HTTP/1.0")) {
      return Request.error(505, version + " is not supported: HTTP/1.0 or HTTP/1.1");
    }
    String connection = "";
    String contentLengthText = null;
    int hosts = 0;
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      // RFC 9112 5.1: no whitespace in a field name or before its colon (another smuggling vector)
      if (colon <= 0 || hasWhitespace(lines[i], colon)) {
        return Request.error(400, "malformed header: " + lines[i]);
      }
      String name = lines[i].substring(0, colon).toLowerCase(Locale.ROOT);
      String value = lines[i].substring(colon + 1).trim();
      switch (name) {
        case "connection" -> connection = value.toLowerCase(Locale.ROOT);
        case "host" -> hosts++;
        case "transfer-encoding" -> {
          return Request.error(501, "transfer-encoding is not supported");
        }
        case "content-length" -> {
          // RFC 9112 6.3: a list or repeated field of differing values is invalid framing
          for (String item : value.split(",", -1)) {
            String length = item.trim();
            if (contentLengthText != null && !contentLengthText.equals(length)) {
              return Request.error(400, "conflicting content-length values: " + value);
            }
            contentLengthText = length;
          }
        }
        default -> {
          // other headers do not change the answer
        }
      }
    }
    if (hosts > 1 || (http11 && hosts == 0)) {
      // RFC 9112 3.2: an HTTP/1.1 request has exactly one Host; none is allowed only in 1.0
      return Request.error(400, "an HTTP/1.1 request needs exactly one host header, not " + hosts);
    }
    long contentLength = contentLengthText == null ? 0 : length(contentLengthText);
    if (contentLength < 0) {
      return Request.error(400, "content-length " + contentLengthText + " is not a length");
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

  /**
   * The lines of a request head, split at each CRLF, trailing empty lines dropped: what {@code
   * head.split("\r\n")} returns, without compiling a regular expression for every request.
   */
  static String[] lines(String head) {
    List<String> lines = new ArrayList<>(8);
    int start = 0;
    int crlf = head.indexOf("\r\n");
    while (crlf >= 0) {
      lines.add(head.substring(start, crlf));
      start = crlf + 2;
      crlf = head.indexOf("\r\n", start);
    }
    lines.add(head.substring(start));
    int size = lines.size();
    while (size > 1 && lines.get(size - 1).isEmpty()) {
      size--;
    }
    return lines.subList(0, size).toArray(String[]::new);
  }

  /** Whether {@code version} is a well-formed HTTP version (RFC 9112 2.3), supported or not. */
  private static boolean isVersion(String version) {
    return version.length() == 8
        && version.startsWith("HTTP/")
        && isDigit(version.charAt(5))
        && version.charAt(6) == '.'
        && isDigit(version.charAt(7));
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
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
      case 408 -> "Request Timeout";
      case 431 -> "Request Header Fields Too Large";
      case 501 -> "Not Implemented";
      case 505 -> "HTTP Version Not Supported";
      default -> "Unknown";
    };
  }

  /**
   * A content-length value: 1 to 18 ASCII digits (RFC 9110 8.6: {@code 1*DIGIT}), or -1 if it is
   * not one ({@code +5}, {@code 5 5}, empty, too long). Long.parseLong would take {@code +5} and
   * other scripts' digits.
   */
  private static long length(String text) {
    if (text.isEmpty() || text.length() > 18) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < text.length(); i++) {
      char digit = text.charAt(i);
      if (digit < '0' || digit > '9') {
        return -1;
      }
      value = value * 10 + (digit - '0');
    }
    return value;
  }

  private static boolean hasWhitespace(String line, int end) {
    for (int i = 0; i < end; i++) {
      if (line.charAt(i) == ' ' || line.charAt(i) == '\t') {
        return true;
      }
    }
    return false;
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
