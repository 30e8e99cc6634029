/// Appends fixed-width little-endian integers and length-prefixed byte strings: the payload
/// encoding of chunk and result frames.
struct WireEncoder {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    mutating func u8(_ v: UInt8) { bytes.append(v) }

    mutating func u32(_ v: Int) {
        let n = UInt32(truncatingIfNeeded: v)
        bytes.append(UInt8(truncatingIfNeeded: n))
        bytes.append(UInt8(truncatingIfNeeded: n >> 8))
        bytes.append(UInt8(truncatingIfNeeded: n >> 16))
        bytes.append(UInt8(truncatingIfNeeded: n >> 24))
    }

    mutating func u64(_ v: Int) {
        let n = UInt64(truncatingIfNeeded: v)
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: n >> UInt64(shift))) }
    }

    mutating func blob<C: Collection>(_ b: C) where C.Element == UInt8 {
        u32(b.count)
        bytes.append(contentsOf: b)
    }

    mutating func string(_ s: String) { blob(s.utf8) }

    /// A count, then that many little-endian u32 values (token ids travel this way: on a
    /// little-endian machine, one copy of the array's memory).
    mutating func u32Array(_ values: [UInt32]) {
        u32(values.count)
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: values.count * 4))
        bytes.withUnsafeMutableBytes { raw in
            values.withUnsafeBytes { source in
                if isLittleEndian {
                    if !values.isEmpty { (raw.baseAddress! + start).copyMemory(from: source.baseAddress!, byteCount: source.count) }
                } else {
                    for (i, v) in values.enumerated() { raw.storeBytes(of: v.littleEndian, toByteOffset: start + 4 * i, as: UInt32.self) }
                }
            }
        }
    }
}

/// Reads what `WireEncoder` wrote; every read is bounds-checked, so a corrupt payload throws
/// instead of trapping.
struct WireDecoder {
    private let bytes: [UInt8]
    /// The payload is `bytes[start..<end]` (a frame still inside a receive buffer, or a whole array).
    private let start: Int
    private let end: Int
    private var index: Int

    init(_ bytes: [UInt8]) { self.init(bytes, range: 0..<bytes.count) }

    init(_ bytes: [UInt8], range: Range<Int>) {
        self.bytes = bytes
        start = range.lowerBound
        end = range.upperBound
        index = range.lowerBound
    }

    /// Bytes read so far, from the payload's start.
    var position: Int { index - start }

    var isAtEnd: Bool { index == end }

    private mutating func take(_ n: Int) throws(FrameError) -> Range<Int> {
        guard n >= 0, end - index >= n else { throw FrameError("payload truncated at byte \(position)") }
        defer { index += n }
        return index..<index + n
    }

    mutating func u8() throws(FrameError) -> UInt8 { bytes[try take(1).lowerBound] }

    mutating func u32() throws(FrameError) -> Int {
        let r = try take(4)
        var n: UInt32 = 0
        for (i, b) in bytes[r].enumerated() { n |= UInt32(b) << UInt32(8 * i) }
        return Int(n)
    }

    mutating func u64() throws(FrameError) -> Int {
        let r = try take(8)
        var n: UInt64 = 0
        for (i, b) in bytes[r].enumerated() { n |= UInt64(b) << UInt64(8 * i) }
        return Int(truncatingIfNeeded: n)
    }

    mutating func blob() throws(FrameError) -> [UInt8] { Array(bytes[try take(try u32())]) }

    mutating func string() throws(FrameError) -> String { String(decoding: try blob(), as: UTF8.self) }

    mutating func u32Array() throws(FrameError) -> [UInt32] {
        let count = try u32()
        guard count <= (end - index) / 4 else { throw FrameError("array of \(count) u32 overruns the payload") }
        let r = try take(4 * count)
        return bytes[r].withUnsafeBytes { raw in
            [UInt32](unsafeUninitializedCapacity: count) { values, initialized in
                if isLittleEndian {
                    if count > 0 { UnsafeMutableRawPointer(values.baseAddress!).copyMemory(from: raw.baseAddress!, byteCount: 4 * count) }
                } else {
                    for i in 0..<count { values[i] = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)) }
                }
                initialized = count
            }
        }
    }
}

/// Whether this machine stores integers little-endian, as the wire does (then arrays of them
/// are copied as memory).
private let isLittleEndian = UInt32(1).littleEndian == 1
