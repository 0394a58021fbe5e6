package dev.gearbox.runtime;

/** {@link UnjoinedFailureHandler#log()}: one WARNING record per failure, with its stack trace. */
enum UnjoinedFailureLog implements UnjoinedFailureHandler {
  INSTANCE;

  private static final System.Logger LOGGER = System.getLogger(UnjoinedFailureHandler.LOGGER_NAME);

  @Override
  public void unjoinedFailure(Runtime runtime, JoinHandle<?> task, Throwable failure) {
    if (LOGGER.isLoggable(System.Logger.Level.WARNING)) {
      String where = runtime == null ? "" : " of the " + runtime.kind() + " runtime";
      LOGGER.log(
          System.Logger.Level.WARNING, task + where + " failed and nobody joined it", failure);
    }
  }
}
