/// Accepts documents with invalid UTF-8 by replacing each maximal invalid sequence with U+FFFD.
///
/// The replacement itself happens while decoding (nothing else could read the text); this stage
/// is the pipeline's consent to it. Without it, such a document becomes an `invalid_utf8` error
/// record. Replacements are counted in the run summary.
public struct InvalidUTF8Repair: TextCleaner {
    public let typeName = "repair_utf8"
    public init() {}

    public func makeRunner() throws -> any StageRunner { ClosureRunner { _ in } }
}
