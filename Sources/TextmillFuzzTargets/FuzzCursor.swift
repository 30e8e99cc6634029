/// Reads option bytes off the front of a fuzz input, so one input chooses both a target's
/// settings (split mode, limits, piece sizes) and the bytes it parses; short inputs read zeros.
struct FuzzCursor {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The next byte, or 0 past the end.
    mutating func byte() -> UInt8 {
        guard position < bytes.count else { return 0 }
        defer { position += 1 }
        return bytes[position]
    }

    /// A value in `range` taken from the next byte.
    mutating func choose(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(byte()) % (range.count)
    }

    /// True when every byte has been read.
    var isAtEnd: Bool { position >= bytes.count }

    /// Everything not yet read.
    var rest: [UInt8] { position < bytes.count ? Array(bytes[position...]) : [] }
}
