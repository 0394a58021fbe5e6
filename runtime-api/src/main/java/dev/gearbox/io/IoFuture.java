package dev.gearbox.io;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Waker;
import dev.gearbox.io.driver.Interest;
import dev.gearbox.io.driver.Registration;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketAddress;

/**
 * One socket operation as a future: try the non-blocking operation; when it would block, clear the
 * readiness it consumed and wait for the next (the loop of Tokio's {@code PollEvented}).
 *
 * <p>Each poll of an open socket first spends one unit of the task's cooperative budget ({@link
 * Context#proceedOrYield()}), as Tokio's I/O resources do in {@code poll_proceed}: with the budget
 * spent, the future wakes its task and returns Pending without trying, so a task looping over a
 * socket that is always ready lets the other tasks of its worker run. Without a way to refund the
 * unit, a poll that then finds the socket not ready spends it too, as the sync primitives do.
 *
 * <p>A read that follows a short read (fewer bytes than the buffer had room for, so the socket was
 * drained) does not try first: it clears the readiness and waits for the next, as Tokio's {@code
 * PollEvented::poll_read} does, which spares the read system call that would return nothing in the
 * common request-answer pattern. Data that came meanwhile is not missed: the selector is
 * level-triggered, so it reports the socket as soon as its interest is armed.
 *
 * <p>Polled again after it returned Ready, the future starts its operation anew: Ready leaves no
 * state behind (the waker is released), so {@link StreamCopy} polls one read and one write future
 * for every chunk.
 *
 * @param <T> the output of the operation
 */
final class IoFuture<T> implements Future<T> {

  /** One non-blocking try of the operation. */
  @FunctionalInterface
  interface Attempt<T> {
    /**
     * Tries once.
     *
     * @return Ready with the result, or Pending if the operation would block
     * @throws IOException from the channel (translated by the future), or an {@link EOFException}
     *     already phrased for the user
     */
    Poll<T> attempt() throws IOException;
  }

  private final RegisteredChannel io;
  private final Interest interest;
  private final String operation;
  private final SocketAddress address;
  private final Attempt<T> attempt;
  private final String leaf;
  private Registration waitingOn;
  private Waker waiting;

  IoFuture(
      RegisteredChannel io,
      Interest interest,
      String operation,
      SocketAddress address,
      Attempt<T> attempt) {
    this.io = io;
    this.interest = interest;
    this.operation = operation;
    this.address = address;
    this.attempt = attempt;
    this.leaf = leafOf(operation);
  }

  /** The label of this wait in task dumps ({@code Context.waitingIn}), from the operation. */
  private static String leafOf(String operation) {
    if (operation.startsWith("accept")) {
      return "TcpListener.accept";
    }
    if (operation.startsWith("read")) {
      return "TcpStream.read";
    }
    if (operation.startsWith("write")) {
      return "TcpStream.write";
    }
    if (operation.startsWith("send")) {
      return "UdpSocket.send";
    }
    if (operation.startsWith("receive")) {
      return "UdpSocket.receive";
    }
    return "I/O " + operation;
  }

  @Override
  public Poll<T> poll(Context cx) throws IOException {
    Registration registration = io.registration(cx);
    if (!cx.proceedOrYield()) {
      cx.waitingIn(leaf);
      return Poll.pending(); // the budget is spent: the task was woken to try again later
    }
    try {
      if (interest == Interest.READABLE && io.takeDrained() && !awaitReadiness(registration, cx)) {
        return Poll.pending();
      }
      while (true) {
        Poll<T> result = attempt.attempt();
        if (result.isReady()) {
          releaseWaker(); // a waker left by an earlier Pending must not keep the task reachable
          return result;
        }
        if (!awaitReadiness(registration, cx)) {
          return Poll.pending();
        }
      }
    } catch (EOFException e) {
      releaseWaker();
      throw e;
    } catch (IOException e) {
      releaseWaker();
      throw io.failure(e, operation, address);
    }
  }

  /**
   * Clears the readiness this future consumed and looks for the next: true if it came already (try
   * again), false if the task now waits for it.
   */
  private boolean awaitReadiness(Registration registration, Context cx) throws IOException {
    registration.clearReadiness(interest);
    boolean ready =
        interest == Interest.READABLE
            ? registration.pollReadable(cx)
            : registration.pollWritable(cx);
    if (!ready) {
      waitingOn = registration;
      waiting = cx.waker();
      cx.waitingIn(leaf);
    }
    return ready;
  }

  @Override
  public void drop() {
    releaseWaker();
  }

  private void releaseWaker() {
    if (waitingOn != null) {
      waitingOn.releaseWaker(interest, waiting);
      waitingOn = null;
      waiting = null;
    }
  }
}
