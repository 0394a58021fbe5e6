package dev.gearbox.verification;

import static dev.gearbox.verification.ModelCheck.blockOn;
import static dev.gearbox.verification.ModelCheck.check;

import dev.gearbox.sync.Channel;
import dev.gearbox.sync.ChannelClosedException;
import java.util.ArrayList;
import java.util.List;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * Model check of the bounded mpsc channel's park/notify pairs: the receiver waiting on an empty
 * ring, and a sender waiting in the FIFO queue of a full one, each woken from another thread, and a
 * close that wakes the waiting sender. Every thread waits with {@link ModelCheck#blockOn}, so a
 * lost wake-up hangs the scenario.
 */
public class BoundedChannelModelTest {
  private final Channel.Pair<Integer> channel = Channel.bounded(1);
  private final List<Integer> received = new ArrayList<>();
  private boolean sendFailed;

  /** Fills the ring of capacity 1. */
  @Operation
  public void fill() {
    check(channel.sender().trySend(0), "the ring was full");
  }

  /** Sends 1, waiting for room; a close while it waits fails it. */
  @Operation
  public void send() {
    try {
      blockOn(channel.sender().send(1));
    } catch (ChannelClosedException closed) {
      sendFailed = true;
    }
  }

  /** Receives one message, waiting for it. */
  @Operation
  public void receive() {
    received.add(blockOn(channel.receiver().receive()));
  }

  /** Closes the channel from the receiving side. */
  @Operation
  public void close() {
    channel.receiver().close();
  }

  /** After the threads: what was sent and not failed was received once, in order. */
  @Validate
  public void nothingLostOrDuplicated() {
    Integer rest = channel.receiver().tryReceive();
    List<Integer> all = new ArrayList<>(received);
    if (rest != null) {
      all.add(rest);
    }
    List<Integer> expected = sendFailed ? List.of(0) : List.of(0, 1);
    check(all.equals(expected), "received " + all + ", expected " + expected);
  }

  /** A receiver waiting on the empty channel is woken by a send from another thread. */
  @Test
  void sendWakesTheWaitingReceiver() {
    Scenario.of(getClass()).thread("receive", "receive").thread("fill", "send").check(40);
  }

  /** A sender waiting on the full channel is woken by the receive that frees the slot. */
  @Test
  void receiveWakesTheWaitingSender() {
    Scenario.of(getClass()).initially("fill").thread("send").thread("receive").check(20);
  }

  /** A sender waiting on the full channel is woken by a close, and fails. */
  @Test
  void closeWakesTheWaitingSender() {
    Scenario.of(getClass()).initially("fill").thread("send").thread("close").check(10);
  }
}
