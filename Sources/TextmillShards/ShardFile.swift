/// One shard opened for reading, in any of the four layouts: its counts and document
/// boundaries come from the header or index; tokens are read on demand, so a shard larger
/// than memory can be inspected and merged.
public struct ShardFile: Sendable {
    public let format: ShardFormat
    public let tokenType: ShardTokenType
    /// The file holding the tokens, and where they start in it (llm.c's 1024-byte header).
    public let dataPath: String
    public let dataOffset: Int
    public let tokenCount: Int
    /// Cumulative token end of each document; nil for llm.c and nanoGPT, which keep no
    /// document boundaries (documents are separated by EOS there).
    public let documentEnds: [Int]?
    /// Megatron only: the length of each sequence (a document holds one or more).
    public let sequenceLengths: [Int]?
    /// Megatron only: the sequence index where each document starts, and the count at the end.
    public let documentIndices: [Int]?
    /// datatrove only: the `tokenizer|token_size` line of `.ds.metadata`.
    public let tokenizerLine: String?

    /// The tokens in `range` (token positions, not bytes).
    public func tokens(_ range: Range<Int>) throws(ShardError) -> [UInt32] {
        let reader = try FileBytesReader(path: dataPath)
        switch tokenType {
        case .uint16:
            return try reader.integers(UInt16.self, at: dataOffset + range.lowerBound * 2, count: range.count).map(UInt32.init)
        case .uint32:
            return try reader.integers(UInt32.self, at: dataOffset + range.lowerBound * 4, count: range.count)
        case .int32:
            return try reader.integers(Int32.self, at: dataOffset + range.lowerBound * 4, count: range.count)
                .map { UInt32(bitPattern: $0) }
        }
    }

    /// The number of documents, when the layout records them.
    public var documentCount: Int? { documentEnds?.count }

    /// Opens the shard whose token file (or Megatron prefix, or `.idx`) is `path`; the format
    /// is taken from the name and magic numbers unless given. nanoGPT files carry no type, so
    /// `tokenType` (default uint16) says how to read them.
    public static func open(_ path: String, format: ShardFormat? = nil, tokenType: ShardTokenType? = nil) throws(ShardError) -> ShardFile {
        let resolved: ShardFormat
        if let format { resolved = format } else { resolved = try detectFormat(path) }
        switch resolved {
        case .llmc: return try openLlmc(path)
        case .nanogpt: return try openRaw(path, tokenType: tokenType ?? .uint16)
        case .megatron: return try openMegatron(path)
        case .datatrove: return try openDatatrove(path)
        }
    }

    static func detectFormat(_ path: String) throws(ShardError) -> ShardFormat {
        if path.hasSuffix(".idx") || path.hasSuffix(".ds") == false && FileBytesReader.exists(path + ".idx") {
            return .megatron
        }
        if path.hasSuffix(".ds") { return .datatrove }
        if path.hasSuffix(".bin") {
            if FileBytesReader.exists(String(path.dropLast(4)) + ".idx") { return .megatron }
            let reader = try FileBytesReader(path: path)
            if reader.size >= 1024 {
                let magic = try reader.integers(Int32.self, at: 0, count: 1)[0]
                if magic == LlmcShardWriter.uint16Magic || magic == LlmcShardWriter.uint32Magic { return .llmc }
            }
            return .nanogpt
        }
        if !FileBytesReader.exists(path) {
            throw ShardError(path, "no such file (expected a shard: .bin, .idx, a Megatron prefix or .ds, or a dataset directory)")
        }
        throw ShardError(path, "not a shard file (expected .bin, .idx, a Megatron prefix or .ds)")
    }

    static func openLlmc(_ path: String) throws(ShardError) -> ShardFile {
        let reader = try FileBytesReader(path: path)
        let header = try reader.integers(Int32.self, at: 0, count: LlmcShardWriter.headerInts)
        let type: ShardTokenType
        switch (header[0], header[1]) {
        case (LlmcShardWriter.uint16Magic, 1): type = .uint16
        case (LlmcShardWriter.uint32Magic, 7): type = .uint32
        default: throw ShardError(path, "not an llm.c shard: magic \(header[0]) version \(header[1])")
        }
        let count = Int(header[2])
        guard reader.size == 1024 + count * type.byteWidth else {
            throw ShardError(path, "header says \(count) tokens but the file holds \((reader.size - 1024) / type.byteWidth)")
        }
        return ShardFile(
            format: .llmc, tokenType: type, dataPath: path, dataOffset: 1024, tokenCount: count, documentEnds: nil,
            sequenceLengths: nil, documentIndices: nil, tokenizerLine: nil)
    }

    static func openRaw(_ path: String, tokenType: ShardTokenType) throws(ShardError) -> ShardFile {
        let reader = try FileBytesReader(path: path)
        guard reader.size % tokenType.byteWidth == 0 else {
            throw ShardError(path, "size \(reader.size) is not a whole number of \(tokenType.rawValue) tokens")
        }
        return ShardFile(
            format: .nanogpt, tokenType: tokenType, dataPath: path, dataOffset: 0, tokenCount: reader.size / tokenType.byteWidth,
            documentEnds: nil, sequenceLengths: nil, documentIndices: nil, tokenizerLine: nil)
    }

    static func openMegatron(_ path: String) throws(ShardError) -> ShardFile {
        var prefix = path
        if prefix.hasSuffix(".idx") || prefix.hasSuffix(".bin") { prefix.removeLast(4) }
        let idx = try FileBytesReader(path: prefix + ".idx")
        let head = try idx.read(at: 0, count: 34)
        guard Array(head[0..<9]) == MegatronShardWriter.magic else { throw ShardError(idx.path, "not a Megatron index (no MMIDIDX header)") }
        let (version, code, sequenceField, indexField) = head.withUnsafeBytes { raw in
            (LittleEndian.read(UInt64.self, raw, at: 9), raw[17], LittleEndian.read(UInt64.self, raw, at: 18),
             LittleEndian.read(UInt64.self, raw, at: 26))
        }
        guard version == 1 else { throw ShardError(idx.path, "index version \(version), expected 1") }
        guard let type = ShardTokenType(megatronCode: code) else { throw ShardError(idx.path, "dtype code \(code) is not uint16 (8) or int32 (4)") }
        // Each sequence takes 12 bytes of the index and each document index 8: larger counts
        // are corruption, and checked before any arithmetic on them could overflow.
        let room = UInt64(idx.size - 34)
        guard sequenceField <= room / 12, indexField <= (room - sequenceField * 12) / 8 else {
            throw ShardError(idx.path, "the header counts \(sequenceField) sequences and \(indexField) document indices, more than its \(idx.size) bytes hold")
        }
        let sequences = Int(sequenceField), indices = Int(indexField)
        let lengths = try idx.integers(Int32.self, at: 34, count: sequences).map(Int.init)
        if let negative = lengths.firstIndex(where: { $0 < 0 }) {
            throw ShardError(idx.path, "sequence \(negative) has length \(lengths[negative])")
        }
        let pointers = try idx.integers(Int64.self, at: 34 + sequences * 4, count: sequences)
        let documents = try idx.integers(Int64.self, at: 34 + sequences * 12, count: indices).map(Int.init)
        // Megatron's document index runs from 0 to the sequence count: every sequence belongs
        // to exactly one document, so `inspect` and `merge` see every token.
        guard documents.first == 0, documents.last == sequences else {
            throw ShardError(idx.path, "the document index must run from 0 to the sequence count \(sequences), it runs from \(documents.first.map(String.init) ?? "nothing") to \(documents.last.map(String.init) ?? "nothing")")
        }
        for i in documents.indices.dropFirst() where documents[i] < documents[i - 1] {
            throw ShardError(idx.path, "document \(i - 1) ends at sequence \(documents[i]), before it starts (\(documents[i - 1]))")
        }
        var expected: Int64 = 0
        for (i, pointer) in pointers.enumerated() {
            guard pointer == expected else { throw ShardError(idx.path, "sequence \(i) starts at byte \(pointer), expected \(expected)") }
            expected += Int64(lengths[i] * type.byteWidth)
        }
        let bin = try FileBytesReader(path: prefix + ".bin")
        guard bin.size == Int(expected) else { throw ShardError(bin.path, "holds \(bin.size) bytes, the index says \(expected)") }
        var tokenStarts = [0]
        for length in lengths { tokenStarts.append(tokenStarts.last! + length) }
        let ends = documents.dropFirst().map { tokenStarts[$0] }
        return ShardFile(
            format: .megatron, tokenType: type, dataPath: prefix + ".bin", dataOffset: 0, tokenCount: tokenStarts.last!,
            documentEnds: ends, sequenceLengths: lengths, documentIndices: documents, tokenizerLine: nil)
    }

    static func openDatatrove(_ path: String) throws(ShardError) -> ShardFile {
        let metadataText = String(decoding: try FileBytesReader(path: path + ".metadata").readAll(), as: UTF8.self)
        let lines = metadataText.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, let bar = first.lastIndex(of: "|"), let size = Int(first[first.index(after: bar)...]),
            size == 2 || size == 4
        else { throw ShardError(path + ".metadata", "first line is not tokenizer|token_size") }
        let type: ShardTokenType = size == 2 ? .uint16 : .uint32
        let index = try FileBytesReader(path: path + ".index")
        guard index.size % 8 == 0 else { throw ShardError(index.path, "size \(index.size) is not a whole number of uint64 document ends") }
        let data = try FileBytesReader(path: path)
        // Ends are checked against the tokens the data file holds before they become Ints, so a
        // corrupt index is an error naming the document, never an overflow.
        let held = UInt64(data.size / type.byteWidth)
        var ends: [Int] = []
        ends.reserveCapacity(index.size / 8)
        for (d, end) in try index.integers(UInt64.self, at: 0, count: index.size / 8).enumerated() {
            let previous = UInt64(ends.last ?? 0)
            guard end >= previous, end <= held else {
                throw ShardError(index.path, "document \(d) ends at token \(end), \(end < previous ? "before the previous document's end \(previous)" : "past the \(held) tokens \(path) holds")")
            }
            ends.append(Int(end))
        }
        guard data.size == (ends.last ?? 0) * type.byteWidth else {
            throw ShardError(path, "holds \(data.size / type.byteWidth) tokens, the index ends at \(ends.last ?? 0)")
        }
        return ShardFile(
            format: .datatrove, tokenType: type, dataPath: path, dataOffset: 0, tokenCount: ends.last ?? 0,
            documentEnds: ends, sequenceLengths: nil, documentIndices: nil, tokenizerLine: String(first))
    }
}

