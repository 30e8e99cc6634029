/// A tiktoken encoding: the ranks of a `.tiktoken` file, the merge table derived from them, the
/// pre-tokenization pattern and the special tokens. Immutable and shared by a worker's threads.
public final class TiktokenTokenizer: TextTokenizer {
    public let pattern: TiktokenPattern
    let path: String
    /// Token bytes ↔ rank (the rank is the id).
    let ranks: ByteSliceTable
    /// `(left, right) → concatenation` for every token that splits into two tokens; see `PairMergeTable`.
    let merges: PairMergeTable
    /// The id of each single byte, the starting symbols of the merge.
    let byteIDs: [UInt32]
    /// Special-token strings ↔ ids.
    let specials: ByteSliceTable
    let specialList: [(bytes: [UInt8], id: UInt32)]
    public let vocabularySize: Int

    /// Builds the encoding from a rank file's bytes; `path` names it in errors.
    public convenience init(rankFile: [UInt8], path: String, pattern: TiktokenPattern) throws {
        let ranks = try TiktokenRanks.parse(rankFile, path: path)
        try self.init(ranks: ranks, merges: nil, path: path, pattern: pattern)
    }

    /// The same ranks with another pattern and special tokens (the merge table is shared, not rebuilt).
    public func replacingPattern(_ pattern: TiktokenPattern) throws -> TiktokenTokenizer {
        try TiktokenTokenizer(ranks: ranks, merges: merges, path: path, pattern: pattern)
    }

    private init(ranks: ByteSliceTable, merges existing: PairMergeTable?, path: String, pattern: TiktokenPattern) throws {
        self.path = path
        self.pattern = pattern
        if pattern.scanner == nil { _ = try RegexPieceSplitter(pattern: pattern.regex) }
        var byteIDs = [UInt32](repeating: 0, count: 256)
        for byte in 0 ..< 256 {
            guard let id = ranks.lookup([UInt8(byte)]) else {
                throw TokenizerError.invalidFile(
                    path: path, line: 0, message: "no rank for the single byte 0x\(String(byte, radix: 16)); every byte needs one")
            }
            byteIDs[byte] = id
        }
        self.merges = existing ?? Self.mergeTable(ranks)
        var specials = ByteSliceTable()
        var specialList: [(bytes: [UInt8], id: UInt32)] = []
        var limit = ranks.idLimit
        for (text, id) in pattern.specialTokens.sorted(by: { $0.value < $1.value }) {
            if ranks.bytes(of: id) != nil {
                throw TokenizerError.invalidFile(path: path, line: 0, message: "special token \(text) has id \(id), which is also a rank in the file")
            }
            specials.insert(Array(text.utf8), id: id)
            specialList.append((Array(text.utf8), id))
            limit = max(limit, Int(id) + 1)
        }
        self.ranks = ranks
        self.byteIDs = byteIDs
        self.specials = specials
        self.specialList = specialList
        self.vocabularySize = limit
    }

    /// `(left, right) → token` for every token whose bytes split into two tokens, at every split point:
    /// tiktoken merges two adjacent parts exactly when their concatenation has a rank.
    static func mergeTable(_ ranks: ByteSliceTable) -> PairMergeTable {
        var merges = PairMergeTable(capacity: ranks.count * 4)
        var token: [UInt8] = []
        for id in 0 ..< UInt32(ranks.idLimit) {
            guard let bytes = ranks.bytes(of: id), bytes.count >= 2 else { continue }
            token.removeAll(keepingCapacity: true)
            token.append(contentsOf: bytes)
            token.withUnsafeBytes { whole in
                for split in 1 ..< whole.count {
                    guard let left = ranks.lookup(UnsafeRawBufferPointer(rebasing: whole[..<split])),
                          let right = ranks.lookup(UnsafeRawBufferPointer(rebasing: whole[split...])) else { continue }
                    merges.insert(left: left, right: right, rank: id, merged: id)
                }
            }
        }
        return merges
    }

    public func makeEncoder() -> any TokenEncoder { TiktokenEncoder(tokenizer: self) }

    /// A splitter for this encoding's pattern: the hand-written scanner when there is one.
    func makeSplitter() -> any PieceSplitter {
        if let kind = pattern.scanner { return ScannerPieceSplitter(kind: kind) }
        // The pattern compiled in init, so this cannot fail.
        return try! RegexPieceSplitter(pattern: pattern.regex)
    }

    public func decode(_ ids: [UInt32], skipSpecialTokens: Bool) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(ids.count * 4)
        for id in ids {
            if ranks.appendBytes(of: id, to: &output) { continue }
            if !skipSpecialTokens { _ = specials.appendBytes(of: id, to: &output) }
        }
        return output
    }

    public func tokenID(_ token: String) -> UInt32? {
        let bytes = Array(token.utf8)
        return ranks.lookup(bytes) ?? specials.lookup(bytes)
    }

    public func token(_ id: UInt32) -> String? {
        if let bytes = ranks.bytes(of: id) ?? specials.bytes(of: id) { return String(decoding: bytes, as: UTF8.self) }
        return nil
    }

    public func isSpecial(_ id: UInt32) -> Bool { specials.bytes(of: id) != nil }

    public var endOfTextID: UInt32? { pattern.specialTokens[TiktokenPattern.endOfText] }

    public var beginOfTextID: UInt32? { nil }

    public var summary: String {
        "tiktoken \(pattern.name ?? "custom pattern"), \(ranks.count) ranks, \(specialList.count) special tokens"
    }

    public var reportsOffsetsByDefault: Bool { false }

    public var fingerprintBytes: [UInt8] {
        var bytes = Array("tiktoken\u{0}\(pattern.regex)".utf8)
        for (text, id) in specialList.map({ (String(decoding: $0.bytes, as: UTF8.self), $0.id) }) {
            bytes.append(0)
            bytes.append(contentsOf: "\(text)=\(id)".utf8)
        }
        return bytes
    }
}
