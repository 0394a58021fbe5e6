package dev.gearbox.future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PollTest {

  @Test
  void readyCarriesItsValue() {
    Poll<String> poll = Poll.ready("x");
    assertThat(poll.isReady()).isTrue();
    assertThat(poll.value()).isEqualTo("x");
    assertThat(poll.map(String::length).value()).isEqualTo(1);
  }

  @Test
  void pendingIsSharedAndHasNoValue() {
    Poll<String> poll = Poll.pending();
    assertThat(poll).isSameAs(Poll.<Integer>pending());
    assertThat(poll.isPending()).isTrue();
    assertThat(poll.map(String::length).isPending()).isTrue();
    assertThatThrownBy(poll::value).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void readyOfNullIsShared() {
    assertThat(Poll.<Void>ready()).isSameAs(Poll.<String>ready());
    assertThat(Poll.ready().value()).isNull();
  }
}
