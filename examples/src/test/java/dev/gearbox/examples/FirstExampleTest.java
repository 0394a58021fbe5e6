package dev.gearbox.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class FirstExampleTest {

  @Test
  @Timeout(30)
  void theConsumerCountsEveryMessageUntilTheChannelCloses() {
    assertThat(FirstExample.countMessages(3)).isEqualTo(3);
    assertThat(FirstExample.countMessages(1_000)).isEqualTo(1_000);
  }
}
