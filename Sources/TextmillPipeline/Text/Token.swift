/// One token: a range of the current text, where it came from in the original, and its type.
public struct Token: Sendable, Equatable {
    /// UTF-16 range in `Analysis.text` (or in `Analysis.tokenText` when `isStored`).
    public var start: Int32
    public var end: Int32
    /// UTF-16 range in the original text.
    public var originStart: Int32
    public var originEnd: Int32
    public var type: TokenType
    /// True when the token's text lives in `Analysis.tokenText` rather than in the current text;
    /// stages that make new strings (n-grams, merged URLs, subwords) store them there.
    public var isStored: Bool

    public init(start: Int, end: Int, origin: Range<Int>, type: TokenType, isStored: Bool = false) {
        self.start = Int32(start)
        self.end = Int32(end)
        self.originStart = Int32(origin.lowerBound)
        self.originEnd = Int32(origin.upperBound)
        self.type = type
        self.isStored = isStored
    }

    public var length: Int { Int(end - start) }
    public var origin: Range<Int> { Int(originStart)..<Int(originEnd) }
}

/// A sentence: its range in the current text and in the original.
public struct Sentence: Sendable, Equatable {
    public var range: Range<Int>
    public var origin: Range<Int>

    public init(range: Range<Int>, origin: Range<Int>) {
        self.range = range
        self.origin = origin
    }
}
