import TextmillDocuments

/// What a reader answers when asked for whole JSONL lines in one piece
/// (`DocumentReader.nextLineRun`).
public enum LineRunStep {
    /// Lines that were already in the reader's buffer, as one run.
    case run(JSONLineRun)
    /// The next line is there but does not fit in what is left of the chunk: the chunk is complete.
    case full
    /// No whole line is buffered (or the next one needs a closer look, such as an oversized
    /// line): read the next document with `next()`.
    case unavailable
}
