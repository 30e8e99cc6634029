import TextmillShards

/// `shards`: the token-shard readers behind `shards inspect` and `shards merge` (`ShardFile.open`
/// for llm.c, nanoGPT, Megatron `.idx`/`.bin` and datatrove `.ds`/`.index`/`.metadata`).
///
/// First byte: bits 0–1 the layout, bit 2 round trip, bits 3–4 the token type, bit 5 patch a
/// valid magic into the header, bit 6 let `open` detect the layout from the name and magic.
///
/// Raw (bit 2 clear): the rest is cut into the layout's files (Megatron: 2 length bytes, the
/// `.idx`, then the `.bin`; datatrove: 1 + 2 length bytes, `.metadata`, `.index`, then `.ds`).
/// Round trip (bit 2 set): the rest describes documents (a count byte, then ids of 2 or 4
/// bytes, and for Megatron a byte of sequence cuts) that `ReferenceShardWriter` writes.
///
/// Properties: opening succeeds or throws a `ShardError` (never a trap); an opened shard
/// reports exactly the tokens its data file holds after the header (never more), reads them
/// back as the bytes say, has document ends that rise from 0 to the token count (Megatron:
/// non-negative sequence lengths summing to the token count, document indices from 0 to the
/// sequence count), and every document `inspect` shows reads without error; merged alone
/// (`ShardMerger`, the product's writers) it reopens with the same ids and documents. A
/// reference-written shard opens and gives back exactly the documents written.
public struct ShardReaderTarget: FuzzTarget {
    public let name = "shards"

    public init() {}

    static let tokenTypes: [ShardFormat: [ShardTokenType]] = [
        .llmc: [.uint16, .uint32], .nanogpt: [.uint16, .uint32, .int32], .megatron: [.uint16, .int32], .datatrove: [.uint16, .uint32],
    ]

    public func check(_ input: [UInt8]) throws(PropertyViolation) {
        var cursor = FuzzCursor(input)
        let mode = Int(cursor.byte())
        let format = ShardFormat.allCases[mode & 3]
        let types = Self.tokenTypes[format]!
        let type = types[(mode >> 3 & 3) % types.count]
        if mode & 4 != 0 {
            try roundTrip(&cursor, format, type)
        } else {
            try raw(&cursor, format, type, patchMagic: mode & 0x20 != 0, detect: mode & 0x40 != 0)
        }
    }

    private func raw(_ cursor: inout FuzzCursor, _ format: ShardFormat, _ type: ShardTokenType, patchMagic: Bool, detect: Bool) throws(PropertyViolation) {
        var files: [String: [UInt8]] = [:]
        let path: String
        switch format {
        case .llmc, .nanogpt:
            var bytes = cursor.rest
            if patchMagic && bytes.count >= 8 {
                let header = ReferenceShardWriter.llmc([], type == .uint16 ? .uint16 : .uint32)
                bytes.replaceSubrange(0..<8, with: header[0..<8])
            }
            path = FuzzScratch.file(format == .llmc ? "l.bin" : "n.bin", bytes)
            files[path] = bytes
        case .megatron:
            let idxLength = Int(cursor.byte()) << 8 | Int(cursor.byte())
            let rest = cursor.rest
            var idx = Array(rest.prefix(idxLength))
            let bin = Array(rest.dropFirst(idxLength))
            if patchMagic && idx.count >= 17 {
                idx.replaceSubrange(0..<17, with: Array("MMIDIDX".utf8) + [0, 0] + ReferenceShardWriter.littleEndian(1, width: 8))
            }
            files[FuzzScratch.file("m.idx", idx)] = idx
            path = FuzzScratch.file("m.bin", bin)
            files[path] = bin
        case .datatrove:
            let metadataLength = Int(cursor.byte())
            let indexLength = Int(cursor.byte()) << 8 | Int(cursor.byte())
            let rest = cursor.rest
            var metadata = Array(rest.prefix(metadataLength))
            let index = Array(rest.dropFirst(metadataLength).prefix(indexLength))
            let ds = Array(rest.dropFirst(metadataLength + indexLength))
            if patchMagic { metadata = Array("fuzz|\(type.byteWidth)\n".utf8) + metadata }
            path = FuzzScratch.file("d.ds", ds)
            files[path] = ds
            files[FuzzScratch.file("d.ds.index", index)] = index
            files[FuzzScratch.file("d.ds.metadata", metadata)] = metadata
        }
        let file: ShardFile
        do {
            file = try detect ? ShardFile.open(path, tokenType: type) : ShardFile.open(path, format: format, tokenType: type)
        } catch {
            return
        }
        try checkOpened(file, files)
    }

    private func roundTrip(_ cursor: inout FuzzCursor, _ format: ShardFormat, _ type: ShardTokenType) throws(PropertyViolation) {
        var documents: [ReferenceShardWriter.Document] = []
        while !cursor.isAtEnd && documents.count < 64 {
            let count = cursor.choose(0...15)
            var ids: [UInt32] = []
            for _ in 0..<count {
                var id = UInt32(cursor.byte()) | UInt32(cursor.byte()) << 8
                if type != .uint16 { id |= UInt32(cursor.byte()) << 16 | UInt32(cursor.byte()) << 24 }
                ids.append(min(id, type.maxID))
            }
            var cuts: [Int] = []
            if format == .megatron {
                for _ in 0..<cursor.choose(0...3) { cuts.append(cursor.choose(0...255) % (count + 1)) }
            }
            var sequences: [[UInt32]] = []
            var start = 0
            for cut in cuts.sorted() + [count] {
                sequences.append(Array(ids[start..<cut]))
                start = cut
            }
            documents.append(sequences)
        }
        let ids = documents.flatMap { $0.flatMap { $0 } }
        var files: [String: [UInt8]] = [:]
        let path: String
        switch format {
        case .llmc, .nanogpt:
            let bytes = format == .llmc ? ReferenceShardWriter.llmc(ids, type) : ReferenceShardWriter.tokens(ids, type)
            path = FuzzScratch.file(format == .llmc ? "rl.bin" : "rn.bin", bytes)
            files[path] = bytes
        case .megatron:
            let (bin, idx) = ReferenceShardWriter.megatron(documents, type)
            files[FuzzScratch.file("rm.idx", idx)] = idx
            path = FuzzScratch.file("rm.bin", bin)
            files[path] = bin
        case .datatrove:
            let (ds, index, metadata) = ReferenceShardWriter.datatrove(documents, type, tokenizer: "ref-tok")
            path = FuzzScratch.file("rd.ds", ds)
            files[path] = ds
            files[FuzzScratch.file("rd.ds.index", index)] = index
            files[FuzzScratch.file("rd.ds.metadata", metadata)] = metadata
        }
        let file: ShardFile
        do { file = try ShardFile.open(path, format: format, tokenType: type) } catch {
            throw PropertyViolation("shards: a reference \(format.rawValue) \(type.rawValue) shard of \(documents.count) documents does not open: \(error)")
        }
        try PropertyViolation.require(
            file.format == format && file.tokenType == type && file.tokenCount == ids.count,
            "shards: reference \(format.rawValue) \(type.rawValue) with \(ids.count) tokens opened as \(file.format.rawValue) \(file.tokenType.rawValue) with \(file.tokenCount)")
        var ends: [Int] = []
        for document in documents { ends.append((ends.last ?? 0) + document.reduce(0) { $0 + $1.count }) }
        switch format {
        case .llmc, .nanogpt:
            try PropertyViolation.require(file.documentEnds == nil, "shards: \(format.rawValue) reports document ends")
        case .megatron:
            let lengths = documents.flatMap { $0.map(\.count) }
            var indices = [0]
            for document in documents { indices.append(indices.last! + document.count) }
            try PropertyViolation.require(
                file.documentEnds == ends && file.sequenceLengths == lengths && file.documentIndices == indices,
                "shards: reference megatron index read as ends \(file.documentEnds ?? []), lengths \(file.sequenceLengths ?? []), documents \(file.documentIndices ?? []); wrote \(ends), \(lengths), \(indices)")
        case .datatrove:
            try PropertyViolation.require(
                file.documentEnds == ends && file.tokenizerLine == "ref-tok|\(type.byteWidth)",
                "shards: reference datatrove shard read as ends \(file.documentEnds ?? []) tokenizer \(file.tokenizerLine ?? "nil"); wrote \(ends)")
        }
        let read: [UInt32]
        do { read = try file.tokens(0..<file.tokenCount) } catch { throw PropertyViolation("shards: reference \(format.rawValue) tokens unreadable: \(error)") }
        try PropertyViolation.require(read == ids, "shards: reference \(format.rawValue) \(type.rawValue) read \(hex(read)), wrote \(hex(ids))")
        try checkOpened(file, files)
    }

    /// The properties of any shard that opened, against the bytes of the files written for it.
    private func checkOpened(_ file: ShardFile, _ files: [String: [UInt8]]) throws(PropertyViolation) {
        let label = "shards: \(file.format.rawValue) \(file.tokenType.rawValue) \(file.dataPath)"
        guard let data = files[file.dataPath] else { throw PropertyViolation("\(label): reads tokens from a file the input did not write") }
        let width = file.tokenType.byteWidth
        try PropertyViolation.require(
            file.tokenCount >= 0 && file.dataOffset >= 0 && file.dataOffset + file.tokenCount * width == data.count,
            "\(label): reports \(file.tokenCount) tokens from byte \(file.dataOffset), but the file holds \(data.count) bytes")
        let expected = ReferenceShardWriter.decode(data[file.dataOffset...], file.tokenType)
        let all: [UInt32]
        do { all = try file.tokens(0..<file.tokenCount) } catch { throw PropertyViolation("\(label): opened but its tokens do not read: \(error)") }
        try PropertyViolation.require(all == expected, "\(label): tokens read \(hex(all)), the bytes hold \(hex(expected))")
        if let ends = file.documentEnds {
            var previous = 0
            for (d, end) in ends.enumerated() {
                try PropertyViolation.require(end >= previous && end <= file.tokenCount, "\(label): document \(d) ends at \(end) after \(previous) (\(file.tokenCount) tokens)")
                if d < 32 {
                    let tokens: [UInt32]
                    do { tokens = try file.tokens(previous..<end) } catch { throw PropertyViolation("\(label): document \(d) does not read: \(error)") }
                    try PropertyViolation.require(tokens == Array(expected[previous..<end]), "\(label): document \(d) reads other tokens than its bytes")
                }
                previous = end
            }
            try PropertyViolation.require(previous == file.tokenCount, "\(label): documents end at \(previous), the shard holds \(file.tokenCount) tokens")
        }
        var everyDocumentHasASequence = true
        if file.format == .megatron {
            guard let lengths = file.sequenceLengths, let indices = file.documentIndices, let ends = file.documentEnds else {
                throw PropertyViolation("\(label): a Megatron shard without its sequence index")
            }
            try PropertyViolation.require(
                lengths.allSatisfy { $0 >= 0 } && lengths.reduce(0, +) == file.tokenCount,
                "\(label): sequence lengths \(lengths.prefix(16)) do not add up to \(file.tokenCount) tokens")
            try PropertyViolation.require(
                indices.first == 0 && indices.last == lengths.count && zip(indices, indices.dropFirst()).allSatisfy { $0 <= $1 }
                    && ends.count == indices.count - 1,
                "\(label): document indices \(indices.prefix(16)) do not rise from 0 to \(lengths.count) sequences")
            everyDocumentHasASequence = zip(indices, indices.dropFirst()).allSatisfy { $0 < $1 }
        }
        try checkMerged(file, expected, everyDocumentHasASequence, label)
    }

    /// `shards merge` of this one shard: the product's writer for the layout, then its reader.
    private func checkMerged(_ file: ShardFile, _ expected: [UInt32], _ sequencesSurvive: Bool, _ label: String) throws(PropertyViolation) {
        let paths = file.format.fileNames(split: "merged", index: 0).map(FuzzScratch.path)
        let merged: ShardFile
        do {
            let record = try ShardMerger.merge([file], into: paths, tokenizerName: "merge-tok")
            try PropertyViolation.require(
                record.tokens == file.tokenCount && record.documents == (file.documentCount ?? 0),
                "\(label): merge reports \(record.tokens) tokens and \(record.documents) documents, the input has \(file.tokenCount) and \(file.documentCount ?? 0)")
            merged = try ShardFile.open(paths[0], format: file.format, tokenType: file.tokenType)
        } catch let violation as PropertyViolation {
            throw violation
        } catch {
            throw PropertyViolation("\(label): merging it alone failed: \(error)")
        }
        let tokens: [UInt32]
        do { tokens = try merged.tokens(0..<merged.tokenCount) } catch { throw PropertyViolation("\(label): the merged shard's tokens do not read: \(error)") }
        try PropertyViolation.require(
            merged.tokenType == file.tokenType && tokens == expected && merged.documentEnds == file.documentEnds,
            "\(label): merged alone it reads \(merged.tokenCount) tokens, ends \(merged.documentEnds?.prefix(16).description ?? "nil"); the input \(file.tokenCount), \(file.documentEnds?.prefix(16).description ?? "nil")")
        if file.format == .megatron && sequencesSurvive {
            try PropertyViolation.require(
                merged.sequenceLengths == file.sequenceLengths && merged.documentIndices == file.documentIndices,
                "\(label): merged alone its sequences are \(merged.sequenceLengths ?? []), the input's \(file.sequenceLengths ?? [])")
        }
        if file.format == .datatrove {
            try PropertyViolation.require(merged.tokenizerLine == "merge-tok|\(file.tokenType.byteWidth)", "\(label): merged metadata line \(merged.tokenizerLine ?? "nil")")
        }
    }
}
