/// A tokenizer.json model (BPE, WordPiece, WordLevel, Unigram): the immutable vocabulary, shared by threads.
protocol HFModel: Sendable {
    /// A worker with this encoder's scratch buffers and caches.
    func makeWorker() -> any HFModelWorker
    func id(of token: String) -> UInt32?
    func token(of id: UInt32) -> String?
    /// HF's `get_vocab_size` of the model (added tokens not included), except that ids with gaps count up
    /// to the largest: ids must stay below it (token shards pick their id type from it).
    var vocabularySize: Int { get }
    /// One more than the largest id the model has.
    var idLimit: Int { get }
}

/// One encoder's use of a model: tokenizes one split (its UTF-8 bytes) into tokens with byte offsets
/// relative to the split, as HF's `Model::tokenize` does.
protocol HFModelWorker: AnyObject {
    func tokenize(_ utf8: UnsafeBufferPointer<UInt8>, into tokens: inout [ModelToken]) throws
}

/// A model's token: id and `[start, end)` byte offsets within the split.
struct ModelToken {
    var id: UInt32
    var start: Int32
    var end: Int32
}

/// Builds models from their JSON.
enum HFModelFactory {
    static func make(_ json: HFJSON) throws -> any HFModel {
        let type = try json.string("type", default: nil) ?? guessType(json)
        switch type {
        case "BPE": return try BPEModel(json)
        case "WordPiece": return try WordPieceModel(json)
        case "WordLevel": return try WordLevelModel(json)
        case "Unigram": return try UnigramModel(json)
        default: throw json.unsupported("model \(type)")
        }
    }

    /// Old files omit the model's type; HF then recognises it from its fields.
    private static func guessType(_ json: HFJSON) -> String {
        if json.value["merges"] != nil { return "BPE" }
        if json.value["max_input_chars_per_word"] != nil { return "WordPiece" }
        if json.value["vocab"]?.arrayValue != nil { return "Unigram" }
        return "WordLevel"
    }
}
