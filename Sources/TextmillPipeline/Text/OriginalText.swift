/// The document's text as it arrived (after UTF-8 repair), in UTF-16, with offset conversion.
///
/// Offsets are reported in Unicode scalars by default (Python `str` indices, as HF tokenizers
/// use) or in UTF-8 bytes; both are derived from UTF-16 indices only when asked, and the
/// conversion tables are built once per document and reused.
public struct OriginalText {
    public var units: [UInt16] = []
    /// U+FFFD substitutions made while decoding this document.
    public var replacedInvalidSequences = 0

    private var scalarIndex: [Int32] = []
    private var utf8Index: [Int32] = []
    private var scalarTableValid = false
    private var utf8TableValid = false
    private var hasSurrogates = false

    public init() {}

    /// Call after filling `units`: invalidates the conversion tables.
    public mutating func didChange() {
        scalarTableValid = false
        utf8TableValid = false
        hasSurrogates = units.withUnsafeBufferPointer { Self.containsSurrogate($0) }
    }

    /// Whether any unit is a surrogate; four units per step.
    private static func containsSurrogate(_ units: UnsafeBufferPointer<UInt16>) -> Bool {
        guard let base = units.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        let n = units.count
        var i = 0
        while i &+ 4 <= n {
            // A zero lane of x is a surrogate of w (lanes of x are multiples of 0x800, so the
            // borrow of `x - 1` reaches bit 15 of a lane only from a zero lane).
            let x = (raw.loadUnaligned(fromByteOffset: i &* 2, as: UInt64.self) & 0xF800_F800_F800_F800)
                ^ 0xD800_D800_D800_D800
            if (x &- 0x0001_0001_0001_0001) & ~x & 0x8000_8000_8000_8000 != 0 { return true }
            i &+= 4
        }
        while i < n {
            if units[i] & 0xF800 == 0xD800 { return true }
            i &+= 1
        }
        return false
    }

    public enum OffsetUnit: String, Sendable, CaseIterable {
        case codepoints
        case utf8
    }

    /// Converts a UTF-16 index of this text to the requested unit.
    @inline(__always)
    public mutating func offset(_ utf16Index: Int, in unit: OffsetUnit) -> Int {
        switch unit {
        case .codepoints:
            if !hasSurrogates { return utf16Index }
            if !scalarTableValid { buildScalarTable() }
            return Int(scalarIndex[utf16Index])
        case .utf8:
            if !utf8TableValid { buildUTF8Table() }
            return Int(utf8Index[utf16Index])
        }
    }

    /// Runs `body` with the table from UTF-16 indices (up to `units.count` included) to `unit`
    /// offsets, or with nil where the conversion is the identity (code points of text without
    /// surrogates): for converting many offsets in a row.
    public mutating func withOffsetTable<R>(_ unit: OffsetUnit, _ body: (UnsafeBufferPointer<Int32>?) -> R) -> R {
        switch unit {
        case .codepoints:
            if !hasSurrogates { return body(nil) }
            if !scalarTableValid { buildScalarTable() }
            return scalarIndex.withUnsafeBufferPointer { body($0) }
        case .utf8:
            if !utf8TableValid { buildUTF8Table() }
            return utf8Index.withUnsafeBufferPointer { body($0) }
        }
    }

    private mutating func buildScalarTable() {
        scalarIndex.removeAll(keepingCapacity: true)
        var n: Int32 = 0
        for u in units {
            scalarIndex.append(n)
            if !isTrailSurrogate(u) { n += 1 }
        }
        // A trail surrogate shares its lead's index; the end index counts every scalar.
        for i in units.indices where isTrailSurrogate(units[i]) && i > 0 && isLeadSurrogate(units[i - 1]) {
            scalarIndex[i] = scalarIndex[i - 1]
        }
        scalarIndex.append(n)
        scalarTableValid = true
    }

    private mutating func buildUTF8Table() {
        utf8Index.removeAll(keepingCapacity: true)
        var n: Int32 = 0
        var i = 0
        while i < units.count {
            let u = units[i]
            utf8Index.append(n)
            if u < 0x80 {
                n += 1
            } else if u < 0x800 {
                n += 2
            } else if isLeadSurrogate(u), i + 1 < units.count, isTrailSurrogate(units[i + 1]) {
                utf8Index.append(n)
                n += 4
                i += 1
            } else {
                n += 3
            }
            i += 1
        }
        utf8Index.append(n)
        utf8TableValid = true
    }
}
