import TextmillDocuments
import TextmillInput
import TextmillPipeline

/// `textmill vocab build` as a library call: reads the inputs in chunks, runs the map step on
/// each chunk through `map` (in process, or on the worker pool), and reduces.
public struct VocabBuild {
    public var chunkDocuments = 1000
    public var maxDocBytes = 64 << 20
    public var spillLimit = 4_000_000
    public var spillDirectory = "/tmp"

    public init() {}

    public struct Result {
        public let reducer: VocabReducer
        public let documentsRead: Int
        public let bytesRead: Int
    }

    /// `map` turns a chunk into its partial counts (e.g. `VocabMapProcessor.processSync`).
    public func run(inputs: [String], map: (DocumentChunk) throws -> ChunkResult) throws -> Result {
        let reducer = VocabReducer(spillLimit: spillLimit, spillDirectory: spillDirectory)
        var ordinal = 0
        var bytes = 0
        var chunkIndex = 0
        var pending: [InputDocument] = []
        func flush() throws {
            if pending.isEmpty { return }
            let result = try map(DocumentChunk(index: chunkIndex, documents: pending))
            chunkIndex += 1
            pending.removeAll(keepingCapacity: true)
            try reducer.add(partial: result.records)
        }
        for input in inputs {
            let source = try FileByteSource(path: input)
            defer { source.close() }
            var reader = JSONLReader(source, firstOrdinal: ordinal, maxDocBytes: maxDocBytes)
            while let document = try reader.next() {
                pending.append(document)
                if pending.count >= chunkDocuments { try flush() }
            }
            ordinal = reader.nextOrdinal
            bytes += reader.bytesRead
        }
        try flush()
        return Result(reducer: reducer, documentsRead: ordinal, bytesRead: bytes)
    }
}
