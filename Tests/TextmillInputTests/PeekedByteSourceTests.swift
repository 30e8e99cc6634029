import Testing
import TextmillInput

/// Hands out its pieces one per read; past them a read "blocks" (throws), like a pipe whose
/// writer waits for our answer.
struct PipeLikeSource: ByteSource {
    var pieces: [[UInt8]]
    var reads = 0
    let name = "pipe"

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard reads < pieces.count else { throw InputError(name, "would block") }
        let piece = pieces[reads]
        reads += 1
        buffer.copyBytes(from: piece)
        return piece.count
    }
}

@Suite struct PeekedByteSourceTests {
    @Test func peekingStopsOnceTheFormatCanBeDecided() throws {
        let line = Array("{\"text\": \"a\"}\n".utf8)
        var peeked = try PeekedByteSource(AnyByteSource(PipeLikeSource(pieces: [line])))
        #expect(peeked.head == line)
        var buffer = [UInt8](repeating: 0, count: 100)
        let n = try buffer.withUnsafeMutableBytes { raw throws(InputError) in try peeked.read(into: raw) }
        #expect(Array(buffer[0..<n]) == line)
    }

    @Test func whiteSpaceAloneIsNotEnoughToDecide() throws {
        let peeked = try PeekedByteSource(AnyByteSource(PipeLikeSource(pieces: [[0x0A], [0x20, 0x20], Array("<r/>".utf8), [0x41]])))
        #expect(peeked.head == [0x0A, 0x20, 0x20] + Array("<r/>".utf8))
    }

    @Test func aReadErrorIsDeferredUntilTheHeadIsConsumed() throws {
        var peeked = try PeekedByteSource(AnyByteSource(PipeLikeSource(pieces: [[0x7B]])))
        #expect(peeked.head == [0x7B])
        var buffer = [UInt8](repeating: 0, count: 8)
        let first = try buffer.withUnsafeMutableBytes { raw throws(InputError) in try peeked.read(into: raw) }
        #expect(first == 1)
        #expect(throws: InputError.self) {
            try buffer.withUnsafeMutableBytes { raw throws(InputError) in try peeked.read(into: raw) }
        }
    }
}
