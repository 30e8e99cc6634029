import NIOCore

/// What the line decoder hands on: a complete line (without LF or CRLF), or the news that a
/// line went over the limit and is being skipped.
package enum LineFrame {
    case line(ByteBuffer)
    /// A line longer than the limit; the bytes up to its newline are discarded.
    case tooLong(limit: Int)
}
