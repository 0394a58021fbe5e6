package dev.gearbox.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class FiberFirstExampleTest {

  @Test
  @Timeout(30)
  void theConsumerFiberCountsEveryMessageUntilTheChannelCloses() {
    assertThat(FiberFirstExample.countMessages(3)).isEqualTo(3);
    assertThat(FiberFirstExample.countMessages(1_000)).isEqualTo(1_000);
  }
}
