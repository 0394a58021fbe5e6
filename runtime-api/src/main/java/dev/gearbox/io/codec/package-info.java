/**
 * Line and frame codecs over {@link dev.gearbox.io.TcpStream}, so a protocol reads one message at a
 * time instead of juggling buffers: {@link dev.gearbox.io.codec.LineReader} and {@link
 * dev.gearbox.io.codec.LineWriter} for text lines, {@link dev.gearbox.io.codec.FrameReader} and
 * {@link dev.gearbox.io.codec.FrameWriter} for length-delimited frames in a {@link
 * dev.gearbox.io.codec.FrameFormat}. Copying a whole stream is {@link
 * dev.gearbox.io.TcpStream#copy}.
 *
 * <h2>Design</h2>
 *
 * <p>After tokio-util's {@code codec} module ({@code FramedRead} with {@code LinesCodec} and {@code
 * LengthDelimitedCodec}) and Netty's {@code LineBasedFrameDecoder} and {@code
 * LengthFieldBasedFrameDecoder}, in the poll model: a reader owns one byte buffer, fills it with
 * {@code TcpStream.read} and decodes the next message out of it; its {@code readLine()} or {@code
 * readFrame()} is a future of that message, and the reader is also a {@link
 * dev.gearbox.stream.Stream} of messages. The same futures serve combinators today and fibers,
 * which await them.
 *
 * <ul>
 *   <li>Allocation: the decoded message only. The buffer is reused, grows on demand up to the limit
 *       and no further, and the future returned for the next message is the same object each time.
 *   <li>Limits are checked before anything is buffered or allocated for a message: a line stops
 *       growing at {@code maxLength + 2} bytes, a frame's announced length is checked before its
 *       payload buffer exists.
 *   <li>Cancellation: dropping a pending read drops the socket read only; bytes already read stay
 *       in the reader's buffer, so a read that lost a race or timed out loses no data.
 *   <li>Budget: a message decoded from bytes already buffered spends one unit of the task's
 *       cooperative budget, as other futures that are ready at once do; a message that needed a
 *       socket read spends what that read spends.
 *   <li>Writers encode into one reused buffer when a write is first polled, and write it with one
 *       {@code writeAll}, one write at a time.
 * </ul>
 *
 * <p>Readers and writers are owned by one task at a time and never close their stream.
 */
package dev.gearbox.io.codec;
