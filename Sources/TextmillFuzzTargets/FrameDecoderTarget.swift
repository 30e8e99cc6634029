import TextmillDocuments
import TextmillPool

/// `frame`: the worker pipe's frame decoder and the chunk/result payload codecs.
///
/// Input: one byte for the size of the pieces the bytes arrive in (1…256, as non-blocking
/// reads deliver them), then the stream. Properties: the decoder yields exactly the frames a
/// plain reading of the layout gives (so never a frame longer than its header says, and
/// nothing past a corrupt header), fails exactly where that reading finds a bad header, and
/// reports a partial frame exactly when bytes are left over. Each decodable result payload
/// re-encodes to the same bytes; each decodable chunk payload survives an encode and decode.
public struct FrameDecoderTarget: FuzzTarget {
    public let name = "frame"

    public init() {}

    public func check(_ input: [UInt8]) throws(PropertyViolation) {
        var cursor = FuzzCursor(input)
        let piece = cursor.choose(1...256)
        let stream = cursor.rest
        let (expected, expectedError, leftover) = Self.reference(stream)

        var frames: [Frame] = []
        let (decoder, failed) = try Self.feed(stream, piece: piece, take: { (decoder) throws(FrameError) in try decoder.next() }) {
            (frame) throws(PropertyViolation) in
            try PropertyViolation.require(frames.count < expected.count, "frame: more frames than the stream holds")
            frames.append(frame)
        }
        try PropertyViolation.require(
            frames.count == expected.count, "frame: \(frames.count) frames decoded, the layout holds \(expected.count)")
        for (i, (frame, reference)) in zip(frames, expected).enumerated() {
            try PropertyViolation.require(
                frame.kind == reference.kind && frame.payload == reference.payload,
                "frame \(i): kind \(frame.kind) with \(frame.payload.count) payload bytes, the header says \(reference.kind) with \(reference.payload.count)")
        }
        try PropertyViolation.require(failed == expectedError, "frame: decoder error \(failed), the layout says \(expectedError)")
        if !failed {
            try PropertyViolation.require(
                decoder.hasPartialFrame == leftover, "frame: hasPartialFrame \(decoder.hasPartialFrame) with leftover \(leftover)")
        }
        for frame in frames { try Self.checkPayload(frame) }
        // With the default hand-over size (64 KiB, beyond these inputs) and with none, so that
        // every result that fills the buffer alone takes the hand-over path.
        for handOverBytes in [1 << 16, 0] {
            try Self.checkDecoded(stream, piece: piece, handOverBytes: handOverBytes, expected: expected, expectedError: expectedError)
        }
    }

    /// `nextDecoded`, the coordinator's way in, on the same pieces: the same frames; a result
    /// decoded in place (or handed over) exactly when its payload decodes on its own, to the same
    /// result; a bad header fails it at the same frame.
    private static func checkDecoded(
        _ stream: [UInt8], piece: Int, handOverBytes: Int, expected: [Frame], expectedError: Bool
    ) throws(PropertyViolation) {
        var count = 0
        let (_, failed) = try feed(
            stream, piece: piece, decoder: FrameDecoder(handOverBytes: handOverBytes),
            take: { (decoder) throws(FrameError) in try decoder.nextDecoded() }
        ) {
            (next) throws(PropertyViolation) in
            try PropertyViolation.require(count < expected.count, "frame (decoded): more frames than the stream holds")
            let reference = expected[count]
            count += 1
            switch next {
            case .frame(let frame):
                try PropertyViolation.require(
                    frame.kind != .result && frame.kind == reference.kind && frame.payload == reference.payload,
                    "frame (decoded) \(count - 1): \(frame.kind) with \(frame.payload.count) bytes, the layout holds \(reference.kind) with \(reference.payload.count)")
            case .result(let decoded):
                try PropertyViolation.require(reference.kind == .result, "frame (decoded) \(count - 1): a result where the layout holds \(reference.kind)")
                let alone = try? ChunkWireFormat.decodeResult(reference.payload)
                switch decoded {
                case .success(let result):
                    try PropertyViolation.require(
                        alone.map { ChunkWireFormat.encode($0) } == ChunkWireFormat.encode(result),
                        "frame (decoded) \(count - 1): a result decoded in place differs from its payload decoded alone")
                case .failure:
                    try PropertyViolation.require(alone == nil, "frame (decoded) \(count - 1): a result payload that decodes alone failed in place")
                }
            }
        }
        try PropertyViolation.require(
            count == expected.count && failed == expectedError,
            "frame (decoded): \(count) frames, error \(failed); the layout holds \(expected.count), error \(expectedError)")
    }

    /// Feeds `stream` to `decoder` (a new one by default) `piece` bytes at a time (as non-blocking
    /// reads deliver it), handing each complete frame `take` returns to `body`, until the stream
    /// ends or `take` throws (a bad header). Returns the decoder and whether `take` threw.
    private static func feed<Item>(
        _ stream: [UInt8], piece: Int, decoder initial: FrameDecoder = FrameDecoder(),
        take: (inout FrameDecoder) throws(FrameError) -> Item?, _ body: (Item) throws(PropertyViolation) -> Void
    ) throws(PropertyViolation) -> (decoder: FrameDecoder, failed: Bool) {
        var decoder = initial
        var start = 0
        while start < stream.count {
            let end = min(start + piece, stream.count)
            stream[start..<end].withUnsafeBytes { decoder.append($0) }
            start = end
            while true {
                let next: Item?
                do throws(FrameError) { next = try take(&decoder) } catch { return (decoder, true) }
                guard let next else { break }
                try body(next)
            }
        }
        return (decoder, false)
    }

    /// The frames of `stream` read straight from the documented layout; whether a bad header
    /// stops it; whether bytes of an incomplete frame are left.
    static func reference(_ stream: [UInt8]) -> (frames: [Frame], error: Bool, leftover: Bool) {
        var frames: [Frame] = []
        var at = 0
        while stream.count - at >= 8 {
            let h = stream[at..<at + 8].map { $0 }
            let length = Int(h[4]) | Int(h[5]) << 8 | Int(h[6]) << 16 | Int(h[7]) << 24
            guard h[0] == 0x54, h[1] == 0x4D, h[3] == 0, let kind = FrameKind(rawValue: h[2]), length <= Frame.maxPayload else {
                return (frames, true, true)
            }
            guard stream.count - at - 8 >= length else { return (frames, false, true) }
            frames.append(Frame(kind, Array(stream[at + 8..<at + 8 + length])))
            at += 8 + length
        }
        return (frames, false, at < stream.count)
    }

    private static func checkPayload(_ frame: Frame) throws(PropertyViolation) {
        if let result = try? ChunkWireFormat.decodeResult(frame.payload) {
            let again = ChunkWireFormat.encode(result)
            try PropertyViolation.require(again == frame.payload, "frame: a result payload does not re-encode to its bytes")
        }
        if let chunk = try? ChunkWireFormat.decodeChunk(frame.payload) {
            let encoded = ChunkWireFormat.encode(chunk)
            guard let again = try? ChunkWireFormat.decodeChunk(encoded) else {
                throw PropertyViolation("frame: a decoded chunk does not decode after encoding")
            }
            try PropertyViolation.require(
                again.index == chunk.index && again.documents.map(describe) == chunk.documents.map(describe),
                "frame: a chunk changed on an encode and decode round trip")
        }
    }

    private static func describe(_ document: InputDocument) -> String {
        "\(document.locator.source):\(document.locator.line) \(InputReading.describe(document))"
    }
}
