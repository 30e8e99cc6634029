/// Concatenates shards of one format and token type into a single new shard, document by
/// document (Megatron, datatrove) or in bounded pieces (llm.c and nanoGPT, which keep no
/// document boundaries), so memory stays bounded however large the inputs.
public enum ShardMerger {
    static let pieceTokens = 1 << 20

    /// Writes `inputs`, in order, as one shard whose files are `paths`
    /// (`ShardFormat.fileNames`); returns its counts.
    public static func merge(
        _ inputs: [ShardFile], into paths: [String], tokenizerName: String
    ) throws(ShardError) -> ShardRecord {
        guard let first = inputs.first else { throw ShardError("", "nothing to merge") }
        for input in inputs where input.format != first.format || input.tokenType != first.tokenType {
            throw ShardError(
                input.dataPath,
                "is \(input.format.rawValue) \(input.tokenType.rawValue), but \(first.dataPath) is \(first.format.rawValue) \(first.tokenType.rawValue)")
        }
        let context = ShardFileContext(format: first.format, tokenType: first.tokenType, tokenizerName: tokenizerName)
        let writer = try context.makeWriter(paths: paths)
        var tokens = 0, documents = 0, sequences = 0
        do {
            for input in inputs {
                if let ends = input.documentEnds {
                    var start = 0
                    for (d, end) in ends.enumerated() {
                        var sequenceEnds: [Int] = []
                        if let lengths = input.sequenceLengths, let indices = input.documentIndices, indices[d + 1] - indices[d] > 1 {
                            var offset = 0
                            for s in indices[d]..<indices[d + 1] {
                                offset += lengths[s]
                                sequenceEnds.append(offset)
                            }
                        }
                        try writer.append(ids: try input.tokens(start..<end)[...], sequenceEnds: sequenceEnds)
                        sequences += sequenceEnds.isEmpty ? 1 : sequenceEnds.count
                        start = end
                    }
                    documents += ends.count
                } else {
                    var start = 0
                    while start < input.tokenCount {
                        let end = min(start + pieceTokens, input.tokenCount)
                        try writer.append(ids: try input.tokens(start..<end)[...], sequenceEnds: [])
                        start = end
                    }
                }
                tokens += input.tokenCount
            }
            try writer.commit()
        } catch {
            writer.abandon()
            throw error
        }
        return ShardRecord(
            produced: 0, files: paths.map { String($0[$0.index(after: $0.lastIndex(of: "/") ?? $0.startIndex)...]) },
            tokens: tokens, documents: documents, sequences: sequences, bytes: writer.bytesWritten)
    }
}
