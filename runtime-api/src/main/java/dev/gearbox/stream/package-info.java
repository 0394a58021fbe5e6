/**
 * Asynchronous streams, as futures-rs' {@code Stream}: {@link dev.gearbox.stream.Stream} is polled
 * for its next item ({@code pollNext}), with {@code null} as the end signal, and has the usual
 * combinators (map, filter, flatMap, take, skip, buffer, merge, zip, throttle) and terminal futures
 * (next, forEach, collect, fold).
 *
 * <p>{@link dev.gearbox.stream.Streams} makes streams from items, from the receivers of {@link
 * dev.gearbox.sync.Channel} and {@link dev.gearbox.sync.Broadcast}, from intervals, and bridges
 * them with {@link java.util.concurrent.Flow}: a stream becomes a publisher that polls it only as
 * far as its subscriber requested, and a publisher becomes a stream that requests only as much as
 * its buffer holds ({@link dev.gearbox.stream.SubscriberStream}); both pass the Reactive Streams
 * TCK.
 *
 * <p>Conventions: a stream has one consumer and is polled by one task at a time; combinators own
 * the streams they wrap and forward {@code drop()}; sources that can produce at once spend the
 * cooperative budget, and so do combinators that loop (each item after the first of a poll), so no
 * stream starves its worker. Nothing here needs a particular runtime: time-based streams (throttle,
 * interval) use the timer of the context they are polled with.
 */
package dev.gearbox.stream;
