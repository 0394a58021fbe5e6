package dev.gearbox.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.CountingWaker;
import dev.gearbox.future.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RwLockTest {

  @Test
  void readersShareAndAWriterExcludesThem() {
    RwLock<Integer> lock = new RwLock<>(1);
    RwLock.ReadGuard<Integer> one = lock.tryRead();
    RwLock.ReadGuard<Integer> two = lock.tryRead();
    assertThat(one.get() + two.get()).isEqualTo(2);
    assertThat(lock.tryWrite()).isNull();
    one.close();
    two.close();
    try (RwLock.WriteGuard<Integer> writer = lock.tryWrite()) {
      assertThat(lock.tryRead()).isNull();
      writer.set(writer.get() + 1);
    }
    try (RwLock.ReadGuard<Integer> reader = lock.tryRead()) {
      assertThat(reader.get()).isEqualTo(2);
    }
  }

  @Test
  void aWaitingWriterHoldsBackLaterReadersAndTheyEnterTogetherAfterIt() throws Exception {
    RwLock<String> lock = new RwLock<>("v");
    RwLock.ReadGuard<String> early = lock.tryRead();
    CountingWaker writerWaker = new CountingWaker();
    CountingWaker readersWaker = new CountingWaker();
    Future<RwLock.WriteGuard<String>> writer = lock.write();
    Future<RwLock.ReadGuard<String>> late1 = lock.read();
    Future<RwLock.ReadGuard<String>> late2 = lock.read();
    assertThat(writer.poll(writerWaker.context()).isPending()).isTrue();
    assertThat(late1.poll(readersWaker.context()).isPending()).isTrue();
    assertThat(late2.poll(readersWaker.context()).isPending()).isTrue();
    assertThat(lock.tryRead()).as("no reader overtakes the writer").isNull();

    early.close();
    assertThat(writerWaker.wakes()).isEqualTo(1);
    assertThat(readersWaker.wakes()).isZero();
    writer.poll(writerWaker.context()).value().close();
    assertThat(readersWaker.wakes()).isEqualTo(2);
    RwLock.ReadGuard<String> r1 = late1.poll(readersWaker.context()).value();
    RwLock.ReadGuard<String> r2 = late2.poll(readersWaker.context()).value();
    assertThat(r1.get() + r2.get()).isEqualTo("vv");
  }

  @Test
  void aDroppedWaitingWriterReleasesTheReadersItGathered() throws Exception {
    RwLock<String> lock = new RwLock<>("v");
    RwLock.ReadGuard<String> reader = lock.tryRead();
    Future<RwLock.WriteGuard<String>> writer = lock.write();
    writer.poll(new CountingWaker().context());
    writer.drop();
    assertThat(lock.tryRead()).isNotNull();
    reader.close();
    assertThatThrownBy(reader::get).isInstanceOf(IllegalStateException.class);
  }
}
