import TextmillUnicode

/// Pieces from ICU's regex engine: any pattern, and the reference the hand-written scanners are tested against.
public final class RegexPieceSplitter: PieceSplitter {
    private let regex: RegularExpression

    public init(pattern: String) throws {
        do {
            regex = try RegularExpression(pattern: pattern)
        } catch {
            throw TokenizerError.invalidPattern(pattern: pattern, message: error.description)
        }
    }

    public func split(_ text: UnsafeBufferPointer<UInt8>, into pieces: inout [Int32]) throws {
        try regex.forEachMatch(in: text) { start, end in
            if end > start {
                pieces.append(Int32(start))
                pieces.append(Int32(end))
            }
        }
    }
}
