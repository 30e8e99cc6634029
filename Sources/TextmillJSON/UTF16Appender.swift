/// UTF-16 units written through a raw pointer into a stack block, which is appended to an array
/// whenever it fills up: the decoders wrote one unit at a time with `Array.append`, a capacity
/// and uniqueness check per unit.
struct UTF16Appender {
    /// Units of stack scratch (1 KiB: the most `withUnsafeTemporaryAllocation` gives without
    /// asking the runtime whether the stack has room).
    static let capacity = 512

    /// The array appended to, moved out while the appender is open (so it stays uniquely referenced).
    private(set) var output: [UInt16]
    private let base: UnsafeMutablePointer<UInt16>
    private var count = 0

    private init(output: [UInt16], base: UnsafeMutablePointer<UInt16>) {
        self.output = output
        self.base = base
    }

    /// Runs `body` with an appender to `output`; everything appended is in `output` when it returns.
    @inline(__always)
    static func appending<R>(to output: inout [UInt16], _ body: (inout UTF16Appender) -> R) -> R {
        withUnsafeTemporaryAllocation(of: UInt16.self, capacity: capacity) { scratch in
            var appender = UTF16Appender(output: [], base: scratch.baseAddress!)
            swap(&appender.output, &output)
            let result = body(&appender)
            appender.flush()
            swap(&appender.output, &output)
            return result
        }
    }

    /// Makes room for `n` (at most `capacity`) units.
    @inline(__always)
    mutating func reserve(_ n: Int) {
        if count > Self.capacity &- n { flush() }
    }

    /// Appends one unit; call `reserve` first.
    @inline(__always)
    mutating func append(_ unit: UInt16) {
        base[count] = unit
        count &+= 1
    }

    /// Appends the eight ASCII bytes of `word` (little-endian: its lowest byte first) as units.
    @inline(__always)
    mutating func appendASCII(_ word: UInt64) {
        let raw = UnsafeMutableRawPointer(base + count)
        raw.storeBytes(of: Self.widen(word & 0xFFFF_FFFF), as: UInt64.self)
        raw.storeBytes(of: Self.widen(word >> 32), toByteOffset: 8, as: UInt64.self)
        count &+= 8
    }

    /// The four low bytes of `x`, each in a 16-bit lane.
    @inline(__always)
    private static func widen(_ x: UInt64) -> UInt64 {
        let pairs = (x | (x << 16)) & 0x0000_FFFF_0000_FFFF
        return (pairs | (pairs << 8)) & 0x00FF_00FF_00FF_00FF
    }

    private mutating func flush() {
        if count > 0 { output.append(contentsOf: UnsafeBufferPointer(start: base, count: count)) }
        count = 0
    }
}
