package dev.gearbox.future;

import dev.gearbox.runtime.Runtime;

/** A deliberate layering violation, for LayerRulesCatchViolationsTest: future names runtime. */
public final class FixtureFutureNamesRuntime {
  private FixtureFutureNamesRuntime() {}

  public static String kindOf(Runtime runtime) {
    return runtime.kind();
  }
}
