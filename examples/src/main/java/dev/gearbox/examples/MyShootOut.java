package dev.gearbox.examples;

import dev.gearbox.shootout.ShootOut;
import java.util.List;

/**
 * The shoot-out with {@link MyWorkload} added: every standard workload and fan_in on every
 * installed runtime and the JDK baselines. It takes the shoot-out's options:
 *
 * <pre>
 * ./gearbox run-class dev.gearbox.examples.MyShootOut --quick --workloads fan_in
 * </pre>
 */
public final class MyShootOut {
  private MyShootOut() {}

  /**
   * Runs the shoot-out with fan_in of 10,000 tasks, then exits.
   *
   * @param args the shoot-out's options ({@code --help} lists them)
   */
  public static void main(String[] args) {
    ShootOut.launch(args, List.of(new MyWorkload(10_000)));
  }
}
