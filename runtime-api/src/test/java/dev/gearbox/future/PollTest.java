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

  @Test
  void readyOfNullAndOfBothBooleansIsShared() {
    assertThat(Poll.<String>ready(null)).isSameAs(Poll.ready());
    assertThat(Poll.ready(true)).isSameAs(Poll.ready(Boolean.TRUE));
    assertThat(Poll.ready(false)).isSameAs(Poll.ready(Boolean.FALSE));
    assertThat(Poll.ready(true).value()).isTrue();
    assertThat(Poll.ready(false).value()).isFalse();
    assertThat(Poll.ready(true)).isNotEqualTo(Poll.ready(false));
  }

  @Test
  void readyOfAnyOtherValueIsANewPollThatEqualsItsTwin() {
    Integer big = 1_000_000;
    assertThat(Poll.ready(big)).isNotSameAs(Poll.ready(big)).isEqualTo(Poll.ready(big));
    assertThat(Poll.ready(big).value()).isSameAs(big);
  }
}
