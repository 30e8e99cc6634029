/// One length-prefixed, typed message on a worker pipe.
///
/// Layout: magic `0x54 0x4D` ("TM"), kind (1 byte), reserved (1 byte, 0), payload length
/// (UInt32, little endian), payload. The magic and the length bound let a reader tell a
/// corrupt stream from a slow one, so a garbled worker is a worker fault, not a coordinator crash.
public struct Frame: Sendable {
    public static let headerSize = 8
    /// Larger frames are refused as corrupt; a chunk is bounded by `--chunk-bytes` and
    /// `--max-doc-bytes` far below this.
    public static let maxPayload = 1 << 30

    public var kind: FrameKind
    public var payload: [UInt8]

    public init(_ kind: FrameKind, _ payload: [UInt8] = []) {
        self.kind = kind
        self.payload = payload
    }

    /// The frame's bytes, header included.
    public var encoded: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Frame.headerSize + payload.count)
        Frame.appendHeader(kind, length: payload.count, to: &bytes)
        bytes.append(contentsOf: payload)
        return bytes
    }

    public static func appendHeader(_ kind: FrameKind, length: Int, to bytes: inout [UInt8]) {
        bytes.append(0x54)
        bytes.append(0x4D)
        bytes.append(kind.rawValue)
        bytes.append(0)
        let n = UInt32(length)
        bytes.append(UInt8(truncatingIfNeeded: n))
        bytes.append(UInt8(truncatingIfNeeded: n >> 8))
        bytes.append(UInt8(truncatingIfNeeded: n >> 16))
        bytes.append(UInt8(truncatingIfNeeded: n >> 24))
    }

    /// Parses a header; throws when the bytes cannot start a frame (bad magic, unknown kind, oversized length).
    static func parseHeader(_ h: UnsafeRawBufferPointer) throws(FrameError) -> (FrameKind, Int) {
        guard h[0] == 0x54, h[1] == 0x4D, h[3] == 0 else { throw FrameError("bad frame magic") }
        guard let kind = FrameKind(rawValue: h[2]) else { throw FrameError("unknown frame kind \(h[2])") }
        let length = Int(h[4]) | Int(h[5]) << 8 | Int(h[6]) << 16 | Int(h[7]) << 24
        guard length <= maxPayload else { throw FrameError("frame of \(length) bytes is over the limit") }
        return (kind, length)
    }
}

/// A stream of bytes that does not parse as frames.
public struct FrameError: Error, CustomStringConvertible, Sendable {
    public let message: String
    /// The other side has gone away (a worker whose coordinator died).
    public let coordinatorGone: Bool
    public init(_ message: String, coordinatorGone: Bool = false) {
        self.message = message
        self.coordinatorGone = coordinatorGone
    }
    public var description: String { message }
}
