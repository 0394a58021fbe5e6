package dev.gearbox.runtime;

/**
 * Marks the body of a task (the future given to {@code spawn}, or the callable given to {@code
 * spawnBlocking}) whose outcome its spawner collects by its own means, such as a {@code JoinSet}
 * that joins its tasks later or a file operation that awaits its blocking call: a failure of such a
 * task is not an unjoined failure (see {@link UnjoinedFailureHandler}), even when it completes
 * before the spawner polls its handle.
 */
public interface JoinedElsewhere {}
