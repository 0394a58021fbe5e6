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
    assertThat(parse("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhel").complete()).isFalse();
    HttpCodec.Request post = parse("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhelloGET");
    assertThat(post.consumed())
        .isEqualTo("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello".length());
    assertThat(post.status()).isEqualTo(405);
    assertThat(post.keepAlive()).isTrue();
  }

  @Test
  void theHeadLimitCountsTheBlankLine() {
    String request = "GET / HTTP/1.1\r\nX: ";
    String fits = request + "a".repeat(HttpCodec.MAX_HEAD - request.length() - 4) + "\r\n\r\n";
    assertThat(parse(fits).status()).isEqualTo(200);
    String over = request + "a".repeat(HttpCodec.MAX_HEAD - request.length() - 3) + "\r\n\r\n";
    assertThat(parse(over).status()).isEqualTo(431);
    assertThat(parse(over).keepAlive()).isFalse();
  }

  @Test
  void chunkedBodiesAndBadLengthsAreRefused() {
    assertThat(parse("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n").status())
        .isEqualTo(501);
    assertThat(parse("POST / HTTP/1.1\r\nContent-Length: -3\r\n\r\n").status()).isEqualTo(400);
    assertThat(parse("GET / HTTP/2.0\r\n\r\n").status()).isEqualTo(400);
  }
}
