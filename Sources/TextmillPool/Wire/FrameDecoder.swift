/// Reassembles frames from bytes that arrive in arbitrary pieces (non-blocking pipe reads).
/// `package` so the fuzz targets (TextmillFuzzTargets) can drive it.
package struct FrameDecoder {
    private var buffer: [UInt8] = []
    private var consumed = 0

    package init() {}

    package mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if consumed > 0 && consumed == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            consumed = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// True when bytes of an incomplete frame are waiting (at end of stream: a truncated frame).
    package var hasPartialFrame: Bool { consumed < buffer.count }

    /// The next complete frame, if one has arrived.
    package mutating func next() throws(FrameError) -> Frame? {
        let available = buffer.count - consumed
        guard available >= Frame.headerSize else { return nil }
        let start = consumed
        let header: Result<(FrameKind, Int), FrameError> = buffer.withUnsafeBytes { raw in
            do throws(FrameError) {
                return .success(try Frame.parseHeader(UnsafeRawBufferPointer(rebasing: raw[start..<start + Frame.headerSize])))
            } catch { return .failure(error) }
        }
        let (kind, length) = try header.get()
        guard available >= Frame.headerSize + length else {
            // A large frame grows the buffer once to its size, not by doubling (coordinator memory).
            if buffer.capacity < start + Frame.headerSize + length { buffer.reserveCapacity(start + Frame.headerSize + length) }
            return nil
        }
        let payloadStart = start + Frame.headerSize
        if start == 0 && buffer.count == Frame.headerSize + length && length > 1 << 16 {
            // The buffer holds exactly this (large) frame: hand it over instead of copying it.
            var payload = buffer
            buffer = []
            consumed = 0
            payload.removeSubrange(0..<Frame.headerSize)
            return Frame(kind, payload)
        }
        let frame = Frame(kind, Array(buffer[payloadStart..<payloadStart + length]))
        consumed = payloadStart + length
        if consumed == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= 4 << 20)
            consumed = 0
        } else if consumed > 1 << 20 {
            buffer.removeSubrange(0..<consumed)
            consumed = 0
        }
        return frame
    }
}
