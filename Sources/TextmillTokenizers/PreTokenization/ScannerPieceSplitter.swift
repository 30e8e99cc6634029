/// Hand-written scanners for the GPT-2 (r50k/p50k), cl100k and o200k pre-tokenization patterns: the same
/// pieces as ICU's regex engine (proven by `PieceScannerDifferentialTests` on corpora, adversarial strings
/// and random strings), an order of magnitude faster, in one forward pass with no backtracking beyond the
/// current whitespace or letter run. Each `scan…` function documents the alternatives it implements.
public final class ScannerPieceSplitter: PieceSplitter {
    public let kind: PieceScannerKind
    private let table = CharacterClassTable.shared
    // The segment decoded once: scalar values, their classes, and the byte offset of each (plus the end).
    private var scalars: [UInt32] = []
    private var classes: [UInt8] = []
    private var byteOffsets: [Int32] = []

    // Literals rather than references to CharacterClassTable's constants, so no lazy-global check per use.
    private static let L: UInt8 = 1 << 0
    private static let N: UInt8 = 1 << 1
    private static let S: UInt8 = 1 << 2
    private static let upper: UInt8 = 1 << 3
    private static let lower: UInt8 = 1 << 4
    private static let apostrophe: UInt32 = 0x27
    private static let cr: UInt32 = 0x0D
    private static let lf: UInt32 = 0x0A

    public init(kind: PieceScannerKind) {
        self.kind = kind
    }

    public func split(_ text: UnsafeBufferPointer<UInt8>, into pieces: inout [Int32]) throws {
        decode(text)
        let n = scalars.count
        var i = 0
        while i < n {
            let end: Int
            switch kind {
            case .cl100k: end = scanCL100k(i, n)
            case .r50k: end = scanR50k(i, n)
            case .o200k: end = scanO200k(i, n)
            }
            pieces.append(byteOffsets[i])
            pieces.append(byteOffsets[end])
            i = end
        }
    }

    private func decode(_ text: UnsafeBufferPointer<UInt8>) {
        scalars.removeAll(keepingCapacity: true)
        classes.removeAll(keepingCapacity: true)
        byteOffsets.removeAll(keepingCapacity: true)
        let count = text.count
        var i = 0
        while i < count {
            let lead = text[i]
            var scalar = UInt32(lead)
            var length = 1
            if lead >= 0xC0 {
                length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
                if i + length > count { length = 1; scalar = 0xFFFD } else {
                    scalar = UInt32(lead) & (0x7F >> UInt32(length))
                    for k in 1 ..< length { scalar = scalar << 6 | UInt32(text[i + k] & 0x3F) }
                }
            } else if lead >= 0x80 {
                scalar = 0xFFFD  // a stray continuation byte; the input should be valid UTF-8
            }
            scalars.append(scalar)
            classes.append(table.classes(of: min(scalar, 0x10FFFF)))
            byteOffsets.append(Int32(i))
            i += length
        }
        byteOffsets.append(Int32(count))
    }

    // MARK: - Shared pieces of the patterns

    @inline(__always) private func has(_ i: Int, _ n: Int, _ bits: UInt8) -> Bool { i < n && classes[i] & bits != 0 }

    /// `[^\s\p{L}\p{N}]`.
    @inline(__always) private func isOther(_ i: Int, _ n: Int) -> Bool {
        i < n && classes[i] & (Self.S | Self.L | Self.N) == 0
    }

    @inline(__always) private func isNewline(_ i: Int) -> Bool { scalars[i] == Self.cr || scalars[i] == Self.lf }

    @inline(__always) private func run(from start: Int, _ n: Int, _ bits: UInt8) -> Int {
        var j = start
        while j < n && classes[j] & bits != 0 { j += 1 }
        return j
    }

    @inline(__always) private func otherRun(from start: Int, _ n: Int) -> Int {
        var j = start
        while isOther(j, n) { j += 1 }
        return j
    }

    /// The scalar under simple case folding, as far as the contraction letters need it (`ſ` folds to `s`).
    @inline(__always) private func folded(_ i: Int) -> UInt32 {
        let c = scalars[i]
        if c >= 0x41 && c <= 0x5A { return c | 0x20 }
        if c == 0x17F { return 0x73 }
        return c
    }

    /// `'(?:[sdmt]|ll|ve|re)` (case-insensitive when `fold`) at `i`: the end, or nil.
    @inline(__always) private func contraction(_ i: Int, _ n: Int, fold: Bool) -> Int? {
        guard i + 1 < n, scalars[i] == Self.apostrophe else { return nil }
        let a = fold ? folded(i + 1) : scalars[i + 1]
        if a == 0x73 || a == 0x64 || a == 0x6D || a == 0x74 { return i + 2 }  // s d m t
        guard i + 2 < n else { return nil }
        let b = fold ? folded(i + 2) : scalars[i + 2]
        if (a == 0x6C && b == 0x6C) || (a == 0x76 && b == 0x65) || (a == 0x72 && b == 0x65) { return i + 3 }  // ll ve re
        return nil
    }

    /// The whitespace alternatives shared by the patterns, for a whitespace run starting at `i`.
    /// `endOfTextFirst`: `\s++$` comes first (cl100k, r50k); `newlines`: `\s*[\r\n]` (cl100k) or
    /// `\s*[\r\n]+` (o200k) come next; then `\s+(?!\S)` and finally `\s` / `\s+` (one character here).
    @inline(__always) private func whitespace(_ i: Int, _ n: Int, endOfTextFirst: Bool, newlines: Bool) -> Int {
        let r = run(from: i, n, Self.S)
        if endOfTextFirst && r == n { return n }
        if newlines {
            var j = r - 1
            while j >= i {
                if isNewline(j) { return j + 1 }
                j -= 1
            }
        }
        if r == n { return n }  // `\s+(?!\S)` at the end of the text
        if r - i >= 2 { return r - 1 }
        return i + 1
    }

    // MARK: - The patterns

    /// cl100k_base: `'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+|
    /// ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s`.
    private func scanCL100k(_ i: Int, _ n: Int) -> Int {
        if let end = contraction(i, n, fold: true) { return end }
        let k = classes[i]
        if k & Self.L != 0 { return run(from: i + 1, n, Self.L) }
        if k & Self.N == 0 && !isNewline(i) && has(i + 1, n, Self.L) { return run(from: i + 2, n, Self.L) }
        if k & Self.N != 0 {
            var j = i + 1
            while j < i + 3 && has(j, n, Self.N) { j += 1 }
            return j
        }
        var j = i
        if scalars[i] == 0x20 && isOther(i + 1, n) { j = i + 1 }
        if isOther(j, n) {
            j = otherRun(from: j + 1, n)
            while j < n && isNewline(j) { j += 1 }
            return j
        }
        return whitespace(i, n, endOfTextFirst: true, newlines: true)
    }

    /// GPT-2 / r50k_base / p50k_base: `'(?:[sdmt]|ll|ve|re)| ?\p{L}++| ?\p{N}++| ?[^\s\p{L}\p{N}]++|\s++$|\s+(?!\S)|\s`.
    private func scanR50k(_ i: Int, _ n: Int) -> Int {
        if let end = contraction(i, n, fold: false) { return end }
        let space = scalars[i] == 0x20
        if has(i, n, Self.L) { return run(from: i + 1, n, Self.L) }
        if space && has(i + 1, n, Self.L) { return run(from: i + 2, n, Self.L) }
        if has(i, n, Self.N) { return run(from: i + 1, n, Self.N) }
        if space && has(i + 1, n, Self.N) { return run(from: i + 2, n, Self.N) }
        if isOther(i, n) { return otherRun(from: i + 1, n) }
        if space && isOther(i + 1, n) { return otherRun(from: i + 2, n) }
        return whitespace(i, n, endOfTextFirst: true, newlines: false)
    }

    /// o200k_base, seven alternatives (`U` = `[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]`, `W` = `[\p{Ll}\p{Lm}\p{Lo}\p{M}]`,
    /// `C` = `(?i:'s|'t|'re|'ve|'m|'ll|'d)`): `[^\r\n\p{L}\p{N}]?U*W+C?`, `[^\r\n\p{L}\p{N}]?U+W*C?`,
    /// `\p{N}{1,3}`, ` ?[^\s\p{L}\p{N}]+[\r\n/]*`, `\s*[\r\n]+`, `\s+(?!\S)`, `\s+`. Backtracking is resolved
    /// by hand: the optional prefix is tried first, then without it; `U*` gives back characters until `W+` fits.
    private func scanO200k(_ i: Int, _ n: Int) -> Int {
        let prefixable = classes[i] & (Self.L | Self.N) == 0 && !isNewline(i)
        if prefixable, let end = upperThenLower(i + 1, n) { return contraction(end, n, fold: true) ?? end }
        if let end = upperThenLower(i, n) { return contraction(end, n, fold: true) ?? end }
        if prefixable, let end = upperRunThenLower(i + 1, n) { return contraction(end, n, fold: true) ?? end }
        if let end = upperRunThenLower(i, n) { return contraction(end, n, fold: true) ?? end }
        if classes[i] & Self.N != 0 {
            var j = i + 1
            while j < i + 3 && has(j, n, Self.N) { j += 1 }
            return j
        }
        var j = i
        if scalars[i] == 0x20 && isOther(i + 1, n) { j = i + 1 }
        if isOther(j, n) {
            j = otherRun(from: j + 1, n)
            while j < n && (isNewline(j) || scalars[j] == 0x2F) { j += 1 }
            return j
        }
        return whitespace(i, n, endOfTextFirst: false, newlines: true)
    }

    /// `U*W+` from `p`: the end of the first match the backtracking engine finds, or nil.
    @inline(__always) private func upperThenLower(_ p: Int, _ n: Int) -> Int? {
        let u = run(from: p, n, Self.upper)
        if has(u, n, Self.lower) { return run(from: u + 1, n, Self.lower) }
        var k = u - 1
        while k >= p {
            if classes[k] & Self.lower != 0 { return k + 1 }
            k -= 1
        }
        return nil
    }

    /// `U+W*` from `p`, or nil.
    @inline(__always) private func upperRunThenLower(_ p: Int, _ n: Int) -> Int? {
        guard has(p, n, Self.upper) else { return nil }
        return run(from: run(from: p + 1, n, Self.upper), n, Self.lower)
    }
}
