import NIOCore
import TextmillServer

/// `line`: the server's bounded line decoder, driven as NIO drives it (`decode` until nil
/// after each read, `decodeLast` at end of input).
///
/// Input: one byte for the line limit (1…64), one for the read size (1…64), then the bytes a
/// client sends. Properties: the frames are exactly the reference's (split at LF, a CR before
/// it dropped, an unterminated last line counted as it is, a line over the limit reported
/// once as too long); no line ever holds a LF or is longer than the limit.
public struct LineDecoderTarget: FuzzTarget {
    public let name = "line"

    public init() {}

    public func check(_ input: [UInt8]) throws(PropertyViolation) {
        var cursor = FuzzCursor(input)
        let limit = cursor.choose(1...64)
        let piece = cursor.choose(1...64)
        let stream = cursor.rest

        var decoder = BoundedLineDecoder(maxLineBytes: limit)
        var buffer = ByteBufferAllocator().buffer(capacity: 0)
        var got: [String] = []
        func take(_ frame: LineFrame) throws(PropertyViolation) {
            switch frame {
            case .line(var line):
                let bytes = line.readBytes(length: line.readableBytes) ?? []
                try PropertyViolation.require(!bytes.contains(0x0A), "line: a line holds a LF")
                try PropertyViolation.require(bytes.count <= limit, "line: a \(bytes.count)-byte line over the limit \(limit)")
                got.append("line \(hex(bytes))")
            case .tooLong(let reported):
                try PropertyViolation.require(reported == limit, "line: too long reported with limit \(reported)")
                got.append("too long")
            }
            try PropertyViolation.require(got.count <= stream.count + 1, "line: more frames than bytes")
        }
        var start = 0
        while start < stream.count {
            let end = min(start + piece, stream.count)
            buffer.writeBytes(stream[start..<end])
            start = end
            while true {
                let frame: LineFrame?
                do { frame = try decoder.decode(buffer: &buffer) } catch { throw PropertyViolation("line: decode threw \(error)") }
                guard let frame else { break }
                try take(frame)
            }
        }
        while true {
            let frame: LineFrame?
            do { frame = try decoder.decodeLast(buffer: &buffer, seenEOF: true) } catch {
                throw PropertyViolation("line: decodeLast threw \(error)")
            }
            guard let frame else { break }
            try take(frame)
        }
        // Split at LF, a CR before it dropped; an unterminated last line is taken as it is.
        var expected: [String] = []
        var lineStart = 0
        while lineStart < stream.count {
            var line = Array(stream[lineStart...].prefix { $0 != 0x0A })
            let terminated = lineStart + line.count < stream.count
            lineStart += line.count + 1
            if terminated && line.last == 0x0D { line.removeLast() }
            expected.append(line.count > limit ? "too long" : "line \(hex(line))")
        }
        try PropertyViolation.require(
            got == expected, "line: decoded \(got.prefix(8)), the reference \(expected.prefix(8)) (limit \(limit), reads of \(piece))")
    }
}
