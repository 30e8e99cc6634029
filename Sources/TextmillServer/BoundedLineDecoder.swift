import NIOCore

/// Splits a byte stream at `\n` (dropping a `\r` before it), like swift-nio-extras'
/// `LineBasedFrameDecoder`, but with a maximum line length.
///
/// `LineBasedFrameDecoder` has no limit, and `ByteToMessageHandler`'s `maximumBufferSize` ends
/// the connection; the protocol instead promises an error for the oversize line and a usable
/// connection from the next line, so an oversize line is reported as soon as it passes the
/// limit and then skipped up to its newline without being buffered. `package` for the fuzz targets.
package struct BoundedLineDecoder: NIOSingleStepByteToMessageDecoder {
    package typealias InboundOut = LineFrame

    package let maxLineBytes: Int
    /// True while discarding the rest of an oversize line.
    private var skipping = false
    /// Bytes already searched for a newline, so a long partial line is not rescanned per read.
    private var scanned = 0

    package init(maxLineBytes: Int) {
        self.maxLineBytes = maxLineBytes
    }

    package mutating func decode(buffer: inout ByteBuffer) throws -> LineFrame? {
        let view = buffer.readableBytesView
        if skipping {
            guard let newline = view.firstIndex(of: UInt8(ascii: "\n")) else {
                buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
                return nil
            }
            buffer.moveReaderIndex(forwardBy: newline - view.startIndex + 1)
            skipping = false
            return try decode(buffer: &buffer)
        }
        let from = view.startIndex + scanned
        if let newline = view[from...].firstIndex(of: UInt8(ascii: "\n")) {
            scanned = 0
            var length = newline - view.startIndex
            if length > 0 && view[newline - 1] == UInt8(ascii: "\r") { length -= 1 }
            if length > maxLineBytes {
                buffer.moveReaderIndex(forwardBy: newline - view.startIndex + 1)
                return .tooLong(limit: maxLineBytes)
            }
            let line = buffer.readSlice(length: length)!
            buffer.moveReaderIndex(forwardBy: newline - view.startIndex + 1 - length)
            return .line(line)
        }
        if view.count > maxLineBytes + 1 {  // + 1: room for the \r of a CRLF
            buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
            scanned = 0
            skipping = true
            return .tooLong(limit: maxLineBytes)
        }
        scanned = view.count
        return nil
    }

    /// At end of input an unterminated last line still counts (as `printf '…' | nc` sends it).
    package mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> LineFrame? {
        if let frame = try decode(buffer: &buffer) { return frame }
        guard seenEOF, !skipping, buffer.readableBytes > 0 else {
            if skipping { buffer.moveReaderIndex(forwardBy: buffer.readableBytes) }
            return nil
        }
        scanned = 0
        // Up to one byte over the limit can still be waiting here (room kept for a CRLF's \r):
        // with no newline coming, that line is over the limit too.
        if buffer.readableBytes > maxLineBytes {
            buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
            return .tooLong(limit: maxLineBytes)
        }
        return .line(buffer.readSlice(length: buffer.readableBytes)!)
    }
}
