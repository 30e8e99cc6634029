/// The document's feature strings ("terms": words, word n-grams, character n-grams) as UTF-8,
/// back to back in one buffer.
///
/// Hashing, TF-IDF and vocabulary counting consume terms, not tokens, so that `tokens` in the
/// output stays the word list while the features can be n-grams. UTF-8 because that is what
/// MurmurHash3 (scikit-learn parity) and the vocabulary file key on; one flat buffer so a
/// document's terms cost no allocation once the buffers have grown.
public struct TermList {
    public var bytes: [UInt8] = []
    /// End offset in `bytes` of each term; term `i` starts where term `i - 1` ends.
    public var ends: [Int32] = []
    /// Set by the first stage that produces terms; until then featurizers use the tokens.
    public var isProduced = false

    public init() {}

    public var count: Int { ends.count }

    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        isProduced = false
    }

    @inline(__always)
    public func range(at i: Int) -> Range<Int> {
        (i == 0 ? 0 : Int(ends[i - 1]))..<Int(ends[i])
    }

    /// Closes the term made of the bytes appended since the previous term ended.
    @inline(__always)
    public mutating func endTerm() { ends.append(Int32(bytes.count)) }

    /// Appends the UTF-8 of `units` to the open term (lone surrogates become U+FFFD).
    public mutating func appendUTF8(of units: UnsafeBufferPointer<UInt16>) {
        var i = 0
        while i < units.count {
            let u = UInt32(units[i])
            if u < 0x80 {
                bytes.append(UInt8(u))
                i += 1
                continue
            }
            var scalar = u
            if u & 0xFC00 == 0xD800, i + 1 < units.count, units[i + 1] & 0xFC00 == 0xDC00 {
                scalar = 0x10000 + ((u - 0xD800) << 10) + (UInt32(units[i + 1]) - 0xDC00)
                i += 1
            } else if u & 0xF800 == 0xD800 {
                scalar = 0xFFFD
            }
            appendUTF8(scalar: scalar)
            i += 1
        }
    }

    @inline(__always)
    public mutating func appendUTF8(scalar: UInt32) {
        if scalar < 0x80 {
            bytes.append(UInt8(scalar))
        } else if scalar < 0x800 {
            bytes.append(UInt8(0xC0 | (scalar >> 6)))
            bytes.append(UInt8(0x80 | (scalar & 0x3F)))
        } else if scalar < 0x10000 {
            bytes.append(UInt8(0xE0 | (scalar >> 12)))
            bytes.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            bytes.append(UInt8(0x80 | (scalar & 0x3F)))
        } else {
            bytes.append(UInt8(0xF0 | (scalar >> 18)))
            bytes.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            bytes.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            bytes.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    /// Appends a whole term given as UTF-8 (tests, callers that already have bytes).
    public mutating func append<C: Collection>(utf8 term: C) where C.Element == UInt8 {
        bytes.append(contentsOf: term)
        endTerm()
    }

    /// The terms as strings (tests and debugging; not for the hot path).
    public var strings: [String] {
        (0..<count).map { String(decoding: bytes[range(at: $0)], as: UTF8.self) }
    }
}

extension Analysis {
    /// Makes sure `terms` holds the features: when no n-gram stage produced any, the tokens
    /// themselves are the terms (so `hashing` right after `words` hashes the words).
    public func prepareTerms() {
        if terms.isProduced { return }
        terms.removeAll()
        for token in tokens {
            withUnits(of: token) { terms.appendUTF8(of: $0) }
            terms.endTerm()
        }
        terms.isProduced = true
    }
}
