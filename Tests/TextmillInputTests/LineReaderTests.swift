import Testing
import TextmillInput

/// An in-memory byte source that hands out at most `step` bytes per read, to exercise lines
/// that straddle block boundaries.
struct MemorySource: ByteSource {
    let bytes: [UInt8]
    let step: Int
    var position = 0
    let name = "memory"

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        let n = min(step, buffer.count, bytes.count - position)
        for i in 0..<n { buffer[i] = bytes[position + i] }
        position += n
        return n
    }
}

@Suite struct LineReaderTests {
    func lines(_ text: String, step: Int, blockSize: Int, max: Int = 1 << 20) throws -> [String] {
        var reader = LineReader(MemorySource(bytes: Array(text.utf8), step: step), maxLineBytes: max, blockSize: blockSize)
        var out: [String] = []
        while let line = try reader.next() {
            switch line {
            case .line(let bytes, let number): out.append("\(number):\(String(decoding: bytes, as: UTF8.self))")
            case .oversized(let count, let number): out.append("\(number):<\(count) bytes>")
            }
        }
        return out
    }

    @Test(arguments: [(1, 4), (3, 7), (1000, 1 << 16)])
    func splitsLinesAcrossBlocks(_ step: Int, _ blockSize: Int) throws {
        let text = "first line\r\nsecond\n\nfourth, no newline at end"
        #expect(try lines(text, step: step, blockSize: blockSize) == ["1:first line", "2:second", "3:", "4:fourth, no newline at end"])
    }

    @Test func finalNewlineDoesNotAddAnEmptyLine() throws {
        #expect(try lines("a\nb\n", step: 2, blockSize: 4) == ["1:a", "2:b"])
        #expect(try lines("", step: 2, blockSize: 4).isEmpty)
    }

    @Test func oversizedLinesAreSkippedNotBuffered() throws {
        let long = String(repeating: "x", count: 100)
        #expect(try lines("ok\n\(long)\nafter\n\(long)", step: 7, blockSize: 16, max: 50)
            == ["1:ok", "2:<100 bytes>", "3:after", "4:<100 bytes>"])
    }

    @Test func bytesReadCountsEverything() throws {
        var reader = LineReader(MemorySource(bytes: Array("abc\ndef".utf8), step: 3), blockSize: 4)
        while try reader.next() != nil {}
        #expect(reader.bytesRead == 7)
    }
}
