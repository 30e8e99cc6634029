/// A piece of a `DocumentChunk`: one document, or a run of raw JSONL lines standing for as many
/// documents (see `JSONLineRun`).
public enum ChunkPart: Sendable {
    case document(InputDocument)
    case lines(JSONLineRun)

    /// Documents this part stands for.
    public var documentCount: Int {
        switch self {
        case .document: 1
        case .lines(let run): run.lineCount
        }
    }

    /// Input bytes of its documents, as `InputDocument.byteCount` counts them.
    public var byteCount: Int {
        switch self {
        case .document(let document): document.byteCount
        case .lines(let run): run.byteCount
        }
    }
}
