package dev.gearbox.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpCodecTest {

  private static HttpCodec.Request parse(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    return HttpCodec.parse(bytes, 0, bytes.length);
  }

  @Test
  void aRequestIsCompleteOnlyWithItsWholeHeadAndBody() {
    assertThat(parse("GET / HTTP/1.1\r\nHost: x\r\n").complete()).isFalse();
    assertThat(parse("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhel").complete())
        .isFalse();
    HttpCodec.Request post =
        parse("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhelloGET");
    assertThat(post.consumed())
        .isEqualTo("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello".length());
    assertThat(post.status()).isEqualTo(405);
    assertThat(post.keepAlive()).isTrue();
  }

  @Test
  void headLinesSplitAsStringSplitDoes() {
    for (String head :
        new String[] {
          "GET / HTTP/1.1",
          "GET / HTTP/1.1\r\nHost: x",
          "\r\nGET / HTTP/1.1",
          "a\r\n\r\nb",
          "",
          "a\rb\nc\r\nd"
        }) {
      assertThat(HttpCodec.lines(head)).as(head).containsExactly(head.split("\r\n"));
    }
  }

  @Test
  void theHeadLimitCountsTheBlankLine() {
    String request = "GET / HTTP/1.1\r\nHost: x\r\nX: ";
    String fits = request + "a".repeat(HttpCodec.MAX_HEAD - request.length() - 4) + "\r\n\r\n";
    assertThat(parse(fits).status()).isEqualTo(200);
    String over = request + "a".repeat(HttpCodec.MAX_HEAD - request.length() - 3) + "\r\n\r\n";
    assertThat(parse(over).status()).isEqualTo(431);
    assertThat(parse(over).keepAlive()).isFalse();
  }

  @Test
  void chunkedBodiesAndBadLengthsAreRefused() {
    assertThat(parse("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n").status())
        .isEqualTo(501);
    assertThat(parse("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -3\r\n\r\n").status())
        .isEqualTo(400);
    assertThat(parse("GET / HTTP/1.1x\r\nHost: x\r\n\r\n").status()).isEqualTo(400);
  }

  /** RFC 9112 6.3: differing Content-Length values make the framing invalid: 400, then close. */
  @Test
  void conflictingContentLengthsAre400AndClose() {
    for (String lengths :
        new String[] {
          "Content-Length: 5\r\nContent-Length: 0\r\n",
          "Content-Length: 0\r\nContent-Length: 5\r\n",
          "Content-Length: 5, 0\r\n",
          "Content-Length: +5\r\n",
          "Content-Length: 5 5\r\n",
          "Content-Length: \r\n",
          "Content-Length : 0\r\n",
          "Content-Length: 99999999999999999999\r\n"
        }) {
      HttpCodec.Request request = parse("POST / HTTP/1.1\r\nHost: x\r\n" + lengths + "\r\nhello");
      assertThat(request.status()).as(lengths).isEqualTo(400);
      assertThat(request.keepAlive()).as(lengths).isFalse();
    }
    HttpCodec.Request same =
        parse(
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 5, 5\r\n\r\nhello");
    assertThat(same.status()).isEqualTo(405);
    assertThat(same.keepAlive()).isTrue();
  }

  /** Only HTTP/1.0 and HTTP/1.1 are served; another well-formed version gets 505 and a close. */
  @Test
  void otherVersionsAre505() {
    for (String version : new String[] {"HTTP/1.9", "HTTP/2.0", "HTTP/0.9", "HTTP/3.0"}) {
      HttpCodec.Request request = parse("GET / " + version + "\r\nHost: x\r\n\r\n");
      assertThat(request.status()).as(version).isEqualTo(505);
      assertThat(request.keepAlive()).as(version).isFalse();
    }
    assertThat(parse("GET / HTTP/1.0\r\n\r\n").status()).isEqualTo(200);
    assertThat(parse("GET / HTTP/1.1\r\nHost: x\r\n\r\n").status()).isEqualTo(200);
  }

  /** RFC 9112 3.2: an HTTP/1.1 request without Host, or with two, gets 400. */
  @Test
  void http11WithoutOneHostIs400() {
    assertThat(parse("GET / HTTP/1.1\r\n\r\n").status()).isEqualTo(400);
    assertThat(parse("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n").status()).isEqualTo(400);
    assertThat(parse("GET / HTTP/1.1\r\nhost: a\r\n\r\n").status()).isEqualTo(200);
    assertThat(parse("GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n").status()).isEqualTo(400);
  }

  @Test
  void errorsHaveTheirReasonPhrases() {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    HttpCodec.answer(HttpCodec.Request.error(505, "HTTP/1.9 is not supported"), out);
    assertThat(out.toString(StandardCharsets.ISO_8859_1))
        .startsWith("HTTP/1.1 505 HTTP Version Not Supported\r\n")
        .contains("Connection: close\r\n");
  }
}
