package dev.gearbox.embedded;

import dev.gearbox.future.Context;

/** A task body for tests: the poll is a lambda given at spawn. */
final class LambdaBody implements TaskBody {
  /** A body's poll as a lambda. */
  @FunctionalInterface
  interface Step {
    boolean poll(Context cx) throws Exception;
  }

  private Step step;

  static TaskPool<LambdaBody> pool(String name, int size) {
    return TaskPool.create(name, size, LambdaBody::new);
  }

  static void spawn(Spawner spawner, TaskPool<LambdaBody> pool, Step step) {
    spawner.spawn(pool, LambdaBody::start, step);
  }

  void start(Step first) {
    step = first;
  }

  @Override
  public boolean poll(Context cx) throws Exception {
    return step.poll(cx);
  }

  @Override
  public void reset() {
    step = null;
  }
}
