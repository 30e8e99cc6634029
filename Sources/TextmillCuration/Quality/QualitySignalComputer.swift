import TextmillPipeline
import TextmillUnicode

/// Computes `QualitySignals` for one document: the text as Unicode scalars (Python `str`
/// indices, so lengths match datatrove's) and the words (the pipeline's tokens). One per worker:
/// it owns an ICU sentence iterator for C4's sentence count.
public final class QualitySignalComputer {
    public let stopWords: Set<String>
    private let sentences: BreakIterator
    private var units: [UInt16] = []

    /// datatrove's Gopher stop words.
    public static let gopherStopWords = ["the", "be", "to", "of", "and", "that", "have", "with"]
    static let policyPhrases = ["terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies"]
    /// C4 lines with fewer words are dropped; FineWeb lines this short or shorter are "short".
    public var c4MinWordsPerLine = 3
    public var c4MaxWordLength = 1000
    public var finewebShortLineLength = 30

    public init(stopWords: [String] = QualitySignalComputer.gopherStopWords) throws {
        self.stopWords = Set(stopWords)
        self.sentences = try BreakIterator(.sentence, locale: "root")
    }

    public func compute(text: [Unicode.Scalar], words: [[Unicode.Scalar]]) -> QualitySignals {
        var s = QualitySignals()
        gopherQuality(text, words, &s)
        gopherRepetition(text, words, &s)
        c4(text, &s)
        fineweb(text, words, &s)
        return s
    }

    // MARK: Gopher quality (datatrove GopherQualityFilter)

    private func gopherQuality(_ text: [Unicode.Scalar], _ words: [[Unicode.Scalar]], _ s: inout QualitySignals) {
        let nonSymbol = words.filter { $0.contains { !DatatroveCharacters.punctuation.contains($0.value) } }
        s.gopherWords = nonSymbol.count
        s.gopherMeanWordLength = nonSymbol.isEmpty ? 0 : Double(nonSymbol.reduce(0) { $0 + $1.count }) / Double(nonSymbol.count)
        let n = Double(max(1, words.count))
        let hashes = text.reduce(0) { $0 + ($1 == "#" ? 1 : 0) }
        let ellipses = Self.count(["." as Unicode.Scalar, ".", "."], in: text) + text.reduce(0) { $0 + ($1 == "…" ? 1 : 0) }
        s.gopherHashRatio = words.isEmpty ? 0 : Double(hashes) / n
        s.gopherEllipsisRatio = words.isEmpty ? 0 : Double(ellipses) / n
        let lines = Self.splitlines(text)
        if !lines.isEmpty {
            let bullets = lines.reduce(0) { count, line in
                let t = Self.lstrip(line)
                return count + (t.first == "•" || t.first == "-" ? 1 : 0)
            }
            let ellipsisLines = lines.reduce(0) { count, line in
                let t = Self.rstrip(line)
                return count + (t.last == "…" || t.suffix(3).elementsEqual(["." as Unicode.Scalar, ".", "."]) ? 1 : 0)
            }
            s.gopherBulletLinesRatio = Double(bullets) / Double(lines.count)
            s.gopherEllipsisLinesRatio = Double(ellipsisLines) / Double(lines.count)
        }
        let alpha = words.reduce(0) { $0 + ($1.contains(where: Self.isAlpha) ? 1 : 0) }
        s.gopherAlphaWordsRatio = words.isEmpty ? 0 : Double(alpha) / n
        var present = Set<String>()
        for word in words {
            let w = Self.string(word)
            if stopWords.contains(w) { present.insert(w) }
        }
        s.gopherStopWords = present.count
    }

    // MARK: Gopher repetition (datatrove GopherRepetitionFilter)

    private func gopherRepetition(_ text: [Unicode.Scalar], _ words: [[Unicode.Scalar]], _ s: inout QualitySignals) {
        guard !text.isEmpty else { return }
        let length = Double(text.count)
        let paragraphs = Self.split(Self.strip(text[...]), minimumNewlines: 2)
        let (paragraphDuplicates, paragraphChars) = Self.duplicates(paragraphs)
        s.duplicateParagraphFraction = Double(paragraphDuplicates) / Double(paragraphs.count)
        s.duplicateParagraphCharFraction = Double(paragraphChars) / length
        let lines = Self.split(text[...], minimumNewlines: 1)
        let (lineDuplicates, lineChars) = Self.duplicates(lines)
        s.duplicateLineFraction = Double(lineDuplicates) / Double(lines.count)
        s.duplicateLineCharFraction = Double(lineChars) / length
        let strings = words.map(Self.string)
        for n in QualitySignals.topNGramSizes {
            s.topNGramCharFraction[n] = Double(Self.topDuplicate(strings, n)) / length
        }
        for n in QualitySignals.duplicateNGramSizes {
            s.duplicateNGramCharFraction[n] = Double(Self.allDuplicate(words, n)) / length
        }
    }

    /// `find_duplicates`: how many elements repeat an earlier one, and their characters.
    static func duplicates(_ items: [ArraySlice<Unicode.Scalar>]) -> (Int, Int) {
        var seen = Set<String>()
        var elements = 0
        var chars = 0
        for item in items where !seen.insert(string(item)).inserted {
            elements += 1
            chars += item.count
        }
        return (elements, chars)
    }

    /// `find_top_duplicate`: length × count of the most frequent space-joined n-gram (the first
    /// seen among equally frequent ones, as Python's `Counter.most_common`).
    static func topDuplicate(_ words: [String], _ n: Int) -> Int {
        guard words.count >= n else { return 0 }
        var counts: [String: (count: Int, first: Int)] = [:]
        for i in 0...(words.count - n) {
            let gram = words[i..<(i + n)].joined(separator: " ")
            counts[gram, default: (0, i)].count += 1
        }
        guard let top = counts.max(by: { a, b in a.value.count != b.value.count ? a.value.count < b.value.count : a.value.first > b.value.first })
        else { return 0 }
        return top.key.unicodeScalars.count * top.value.count
    }

    /// `find_all_duplicate`: characters of n-grams (joined without separator) that repeat an
    /// earlier one, skipping past each repeat.
    static func allDuplicate(_ words: [[Unicode.Scalar]], _ n: Int) -> Int {
        var seen = Set<String>()
        var repeated = 0
        var i = 0
        while i < words.count - n + 1 {
            var gram: [Unicode.Scalar] = []
            for w in words[i..<(i + n)] { gram.append(contentsOf: w) }
            if !seen.insert(string(gram)).inserted {
                repeated += gram.count
                i += n
            } else {
                i += 1
            }
        }
        return repeated
    }

    // MARK: C4 (datatrove C4QualityFilter, split on lines)

    private func c4(_ text: [Unicode.Scalar], _ s: inout QualitySignals) {
        let lines = Self.splitlines(text)
        s.c4Lines = lines.count
        for rawLine in lines {
            var line = Array(Self.strip(rawLine))
            let words = Self.splitWhitespace(line[...])
            if words.contains(where: { $0.count > c4MaxWordLength }) { continue }
            line = Self.removeCitations(line)
            let punctuated = line.last.map { ".?!\"'".unicodeScalars.contains($0) } ?? false
            if !punctuated || line.suffix(3).elementsEqual(["." as Unicode.Scalar, ".", "."]) { continue }
            if words.count < c4MinWordsPerLine { continue }
            let lower = Self.string(line).lowercased()
            if lower.contains("lorem ipsum") {
                s.c4LoremIpsum = true
                continue
            }
            if lower.contains("javascript") { continue }
            if line.contains("{") {
                s.c4CurlyBracket = true
                continue
            }
            if Self.policyPhrases.contains(where: { lower.contains($0) }) { continue }
            s.c4Sentences += sentenceCount(line)
            s.c4LinesKept += 1
        }
    }

    private func sentenceCount(_ line: [Unicode.Scalar]) -> Int {
        units.removeAll(keepingCapacity: true)
        for scalar in line { units.append(contentsOf: scalar.utf16) }
        var count = 0
        units.withUnsafeBufferPointer { buffer in
            try? sentences.forEachSegment(in: buffer) { start, end, _ in
                if buffer[start..<end].contains(where: { !(Unicode.Scalar($0)?.properties.isWhitespace ?? false) }) { count += 1 }
            }
        }
        return count
    }

    /// C4's `\[\d*]|\[edit]|\[citation needed]` removed.
    static func removeCitations(_ line: [Unicode.Scalar]) -> [Unicode.Scalar] {
        guard line.contains("[") else { return line }
        let edit = Array("[edit]".unicodeScalars), citation = Array("[citation needed]".unicodeScalars)
        var out: [Unicode.Scalar] = []
        var i = 0
        while i < line.count {
            guard line[i] == "[" else {
                out.append(line[i])
                i += 1
                continue
            }
            var j = i + 1
            while j < line.count && line[j].properties.numericType == .decimal { j += 1 }
            if j < line.count && line[j] == "]" {
                i = j + 1
            } else if line[i...].starts(with: edit) {
                i += edit.count
            } else if line[i...].starts(with: citation) {
                i += citation.count
            } else {
                out.append(line[i])
                i += 1
            }
        }
        return out
    }

    // MARK: FineWeb (datatrove FineWebQualityFilter)

    private func fineweb(_ text: [Unicode.Scalar], _ words: [[Unicode.Scalar]], _ s: inout QualitySignals) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !Self.strip($0).isEmpty }
        guard !lines.isEmpty else { return }
        s.empty = false
        let punctuated = lines.reduce(0) { $0 + (DatatroveCharacters.terminalPunctuation.contains($1.last!.value) ? 1 : 0) }
        s.finewebLinePunctuationRatio = Double(punctuated) / Double(lines.count)
        s.finewebShortLineRatio = Double(lines.reduce(0) { $0 + ($1.count <= finewebShortLineLength ? 1 : 0) }) / Double(lines.count)
        let withoutNewlines = text.reduce(0) { $0 + ($1 == "\n" ? 0 : 1) }
        s.finewebCharDuplicatesRatio = withoutNewlines == 0 ? 0 : Double(Self.duplicates(lines).1) / Double(withoutNewlines)
        let newlines = text.count - withoutNewlines
        s.finewebNewlineRatio = Double(newlines) / Double(max(1, words.count))
    }

    // MARK: Python string semantics

    static func string<C: Collection>(_ scalars: C) -> String where C.Element == Unicode.Scalar {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// `str.isspace`.
    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c.properties.isWhitespace || (0x1C...0x1F).contains(c.value)
    }

    /// `str.isalpha` of one character.
    static func isAlpha(_ c: Unicode.Scalar) -> Bool {
        switch c.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: true
        default: false
        }
    }

    static func strip(_ s: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> { rstrip(lstrip(s)) }
    static func lstrip(_ s: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> { s.drop(while: isSpace) }
    static func rstrip(_ s: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
        var end = s.endIndex
        while end > s.startIndex && isSpace(s[end - 1]) { end -= 1 }
        return s[s.startIndex..<end]
    }

    /// `str.split()`: runs of white space separate, none are kept.
    static func splitWhitespace(_ s: ArraySlice<Unicode.Scalar>) -> [ArraySlice<Unicode.Scalar>] {
        s.split(whereSeparator: isSpace)
    }

    /// `str.splitlines()`: \n, \r, \r\n, \v, \f, \x1c-\x1e, \x85, U+2028, U+2029 end a line; no
    /// empty last line after a final separator.
    static func splitlines(_ text: [Unicode.Scalar]) -> [ArraySlice<Unicode.Scalar>] {
        var out: [ArraySlice<Unicode.Scalar>] = []
        var start = 0
        var i = 0
        while i < text.count {
            switch text[i].value {
            case 0x0A, 0x0B, 0x0C, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029:
                out.append(text[start..<i])
                i += 1
                start = i
            case 0x0D:
                out.append(text[start..<i])
                i += (i + 1 < text.count && text[i + 1] == "\n") ? 2 : 1
                start = i
            default:
                i += 1
            }
        }
        if start < text.count { out.append(text[start...]) }
        return out
    }

    /// `re.split("\n{k,}", s)`: runs of at least `minimumNewlines` newlines separate.
    static func split(_ s: ArraySlice<Unicode.Scalar>, minimumNewlines: Int) -> [ArraySlice<Unicode.Scalar>] {
        var out: [ArraySlice<Unicode.Scalar>] = []
        var start = s.startIndex
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == "\n" {
                var j = i
                while j < s.endIndex && s[j] == "\n" { j += 1 }
                if j - i >= minimumNewlines {
                    out.append(s[start..<i])
                    start = j
                }
                i = j
            } else {
                i += 1
            }
        }
        out.append(s[start..<s.endIndex])
        return out
    }

    /// `str.count(sub)`: non-overlapping occurrences.
    static func count(_ pattern: [Unicode.Scalar], in text: [Unicode.Scalar]) -> Int {
        var n = 0
        var i = 0
        while i + pattern.count <= text.count {
            if text[i..<(i + pattern.count)].elementsEqual(pattern) {
                n += 1
                i += pattern.count
            } else {
                i += 1
            }
        }
        return n
    }
}
