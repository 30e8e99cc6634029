import TextmillDocuments

/// Reassembles frames from bytes that arrive in arbitrary pieces (non-blocking pipe reads).
/// `package` so the fuzz targets (TextmillFuzzTargets) can drive it.
package struct FrameDecoder {
    private var buffer: [UInt8] = []
    private var consumed = 0
    /// A frame whose payload is larger than this and that fills the buffer alone is handed over
    /// with the buffer instead of copied out of it. Copying is cheaper for small frames; the
    /// fuzz target sets 0 so that every such frame takes the hand-over path.
    private let handOverBytes: Int

    package init(handOverBytes: Int = 1 << 16) {
        self.handOverBytes = handOverBytes
    }

    /// A frame as the dispatcher takes it: a result already decoded (`nextDecoded`), anything
    /// else as a frame.
    package enum Decoded {
        case frame(Frame)
        /// A result frame's contents, or why its payload does not decode.
        case result(Result<ChunkResult, FrameError>)
    }

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
        guard let (kind, payload) = try nextComplete() else { return nil }
        if holdsOnly(payload) {
            // The buffer holds exactly this (large) frame: hand it over instead of copying it.
            var bytes = takeBuffer()
            bytes.removeSubrange(0..<Frame.headerSize)
            return Frame(kind, bytes)
        }
        let frame = Frame(kind, Array(buffer[payload]))
        consume(through: payload.upperBound)
        return frame
    }

    /// The next complete frame, with a result decoded straight from the receive buffer: its
    /// fields read in place and its records copied out once. Taking it as a `Frame` and then
    /// decoding cost two more passes over the records (the frame's header and then its fields
    /// moved off their front), which was most of the coordinator's instructions with the
    /// hashing preset (`memcpy`, 45 % under callgrind).
    package mutating func nextDecoded() throws(FrameError) -> Decoded? {
        guard let (kind, payload) = try nextComplete() else { return nil }
        guard kind == .result else {
            let frame = Frame(kind, Array(buffer[payload]))
            consume(through: payload.upperBound)
            return .frame(frame)
        }
        let result: Result<ChunkResult, FrameError>
        if holdsOnly(payload) {
            // A large result that the buffer holds alone: its records keep the buffer's storage
            // (moved to its front) instead of being copied out, so a huge document's records
            // are not held twice.
            var bytes = takeBuffer()
            do throws(FrameError) {
                result = .success(try ChunkWireFormat.decodeResult(taking: &bytes, range: payload))
            } catch {
                result = .failure(error)
            }
            return .result(result)
        }
        do throws(FrameError) {
            result = .success(try ChunkWireFormat.decodeResult(in: buffer, range: payload))
        } catch {
            result = .failure(error)
        }
        consume(through: payload.upperBound)
        return .result(result)
    }

    /// Whether the buffer holds exactly one frame, with `payload`, and it is large enough that
    /// handing the buffer over beats copying out of it.
    private func holdsOnly(_ payload: Range<Int>) -> Bool {
        payload.lowerBound == Frame.headerSize && buffer.count == payload.upperBound && payload.count > handOverBytes
    }

    /// The whole buffer, handed over; the decoder starts again empty.
    private mutating func takeBuffer() -> [UInt8] {
        defer {
            buffer = []
            consumed = 0
        }
        return buffer
    }

    /// The kind and payload range of the next frame once all of it has arrived.
    private mutating func nextComplete() throws(FrameError) -> (FrameKind, Range<Int>)? {
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
        return (kind, payloadStart..<payloadStart + length)
    }

    /// Marks the buffer up to `end` as read, and drops read bytes when that is cheap or due.
    private mutating func consume(through end: Int) {
        consumed = end
        if consumed == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= 4 << 20)
            consumed = 0
        } else if consumed > 1 << 20 {
            buffer.removeSubrange(0..<consumed)
            consumed = 0
        }
    }
}
