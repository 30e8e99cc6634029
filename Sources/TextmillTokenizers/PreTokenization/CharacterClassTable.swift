import TextmillUnicode

/// The character classes the LLM pre-tokenization patterns test, for every code point, as a two-stage
/// table built once per process from ICU's properties (so the scanners agree with ICU's regex engine by
/// construction): 4,352 blocks of 256 code points, identical blocks shared (~60 KB in all).
struct CharacterClassTable: Sendable {
    /// `\p{L}`.
    static let letter: UInt8 = 1 << 0
    /// `\p{N}`.
    static let number: UInt8 = 1 << 1
    /// `\s` (White_Space).
    static let space: UInt8 = 1 << 2
    /// o200k's `[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]`.
    static let upperish: UInt8 = 1 << 3
    /// o200k's `[\p{Ll}\p{Lm}\p{Lo}\p{M}]`.
    static let lowerish: UInt8 = 1 << 4

    static let shared = CharacterClassTable()

    private let blockIndex: [UInt16]
    private let blocks: [UInt8]

    private init() {
        var index: [UInt16] = []
        var blocks: [UInt8] = []
        var known: [[UInt8]: UInt16] = [:]
        var block = [UInt8](repeating: 0, count: 256)
        for high in 0 ..< 0x1100 {
            for low in 0 ..< 256 {
                block[low] = Self.classify(UInt32(high << 8 | low))
            }
            if let existing = known[block] {
                index.append(existing)
            } else {
                let number = UInt16(blocks.count / 256)
                known[block] = number
                blocks.append(contentsOf: block)
                index.append(number)
            }
        }
        blockIndex = index
        self.blocks = blocks
    }

    private static func classify(_ scalar: UInt32) -> UInt8 {
        let category = GeneralCategory(of: scalar)
        var bits: UInt8 = 0
        if category.isLetter { bits |= letter }
        if category.isNumber { bits |= number }
        if CharacterProperties.isWhitespace(scalar) { bits |= space }
        let both = category == .modifierLetter || category == .otherLetter || category.isMark
        if both || category == .uppercaseLetter || category == .titlecaseLetter { bits |= upperish }
        if both || category == .lowercaseLetter { bits |= lowerish }
        return bits
    }

    @inline(__always)
    func classes(of scalar: UInt32) -> UInt8 {
        blocks[Int(blockIndex[Int(scalar >> 8)]) << 8 | Int(scalar & 0xFF)]
    }
}
