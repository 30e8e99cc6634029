/// A vocabulary file as `textmill vocab build` writes it: term, count and document frequency.
///
/// ```
/// #textmill-vocab v1 docs=211 fingerprint=0123456789abcdef
/// the	39	34
/// e e	59	1
/// ```
/// UTF-8; a header, then one `term<TAB>count<TAB>df` row per term, each line ending in `\n`.
/// `docs` is the number of documents counted (empty ones included), `fingerprint` the
/// pipeline's that produced the terms. Rows are sorted by count (descending), then by the
/// term's bytes; a term's index (TF-IDF column) is its 0-based row number. Terms never hold a
/// tab, CR or LF. Optional header fields `min_count=N`, `max_size=N` record pruning.
public struct TermVocabulary: Sendable {
    public let documents: Int
    public let fingerprint: String
    /// Other `key=value` header fields, in order (e.g. `min_count`).
    public let headerFields: [(key: String, value: String)]
    public let terms: ByteStringTable
    public let counts: [Int]
    public let documentFrequencies: [Int]

    public struct FormatError: Error, CustomStringConvertible, Sendable {
        public let line: Int
        public let message: String
        public var description: String { "line \(line): \(message)" }
    }

    public static let magic = "#textmill-vocab"

    public var count: Int { counts.count }

    public init(bytes: [UInt8]) throws(FormatError) {
        var lineStart = 0
        var lineNumber = 0
        var documents = -1
        var fingerprint = ""
        var header: [(key: String, value: String)] = []
        var table = ByteStringTable(capacity: bytes.count / 16)
        var counts: [Int] = []
        var dfs: [Int] = []
        while lineStart < bytes.count {
            lineNumber += 1
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            let line = bytes[lineStart..<lineEnd]
            lineStart = lineEnd + 1
            if lineNumber == 1 {
                let text = String(decoding: line, as: UTF8.self)
                let parts = text.split(separator: " ").map(String.init)
                guard parts.count >= 2, parts[0] == Self.magic, parts[1] == "v1" else {
                    throw FormatError(line: 1, message: "not a textmill vocabulary (expected a \"\(Self.magic) v1 docs=N fingerprint=F\" header)")
                }
                for part in parts.dropFirst(2) {
                    guard let eq = part.firstIndex(of: "=") else {
                        throw FormatError(line: 1, message: "header field \"\(part)\" is not key=value")
                    }
                    let key = String(part[..<eq]), value = String(part[part.index(after: eq)...])
                    switch key {
                    case "docs":
                        guard let n = Int(value), n >= 0 else { throw FormatError(line: 1, message: "docs=\(value) is not a count") }
                        documents = n
                    case "fingerprint": fingerprint = value
                    default: header.append((key, value))
                    }
                }
                guard documents >= 0 else { throw FormatError(line: 1, message: "the header has no docs=N") }
                continue
            }
            guard let tab1 = line.firstIndex(of: 0x09),
                let tab2 = line[(tab1 + 1)...].firstIndex(of: 0x09),
                let count = Self.parseInt(line[(tab1 + 1)..<tab2]),
                let df = Self.parseInt(line[(tab2 + 1)...])
            else {
                throw FormatError(line: lineNumber, message: "expected term<TAB>count<TAB>df")
            }
            guard df >= 1, df <= count, df <= documents else {
                throw FormatError(line: lineNumber, message: "df \(df) must be in 1...min(count \(count), docs \(documents))")
            }
            let term = Array(line[line.startIndex..<tab1])
            guard String(validating: term, as: UTF8.self) != nil else {
                throw FormatError(line: lineNumber, message: "the term is not valid UTF-8")
            }
            guard table.insert(term).inserted else {
                throw FormatError(line: lineNumber, message: "term \"\(String(decoding: term, as: UTF8.self))\" appears twice")
            }
            counts.append(count)
            dfs.append(df)
        }
        guard documents >= 0 else { throw FormatError(line: 1, message: "the file is empty") }
        self.documents = documents
        self.fingerprint = fingerprint
        self.headerFields = header
        self.terms = table
        self.counts = counts
        self.documentFrequencies = dfs
    }

    static func parseInt(_ digits: ArraySlice<UInt8>) -> Int? {
        if digits.isEmpty || digits.count > 18 { return nil }
        var n = 0
        for d in digits {
            guard d >= 0x30 && d <= 0x39 else { return nil }
            n = n * 10 + Int(d - 0x30)
        }
        return n
    }
}
