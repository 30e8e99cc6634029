import TextmillUnicode

/// Everything one encoder mutates while it encodes: the pre-tokenized text, normalizer scratch, the
/// ICU regex matchers (not thread-safe, so one set per encoder, compiled on first use) and the model's
/// per-encoder worker. Reused from document to document.
final class HFWorkspace {
    var pre = PreTokenizedText()
    var scratch = AlignedText()
    var changes: [TransformChange] = []
    var scalarBuffer: [UInt32] = []
    var decomposer: [UInt32] = []
    /// UTF-8 of the characters a regex runs on, and each byte's character index.
    var regexUTF8: [UInt8] = []
    var regexByteScalar: [Int32] = []
    private var regexes: [String: RegularExpression] = [:]

    /// The matcher for an ICU pattern, compiled once per encoder.
    func regex(_ pattern: String) throws -> RegularExpression {
        if let r = regexes[pattern] { return r }
        do {
            let r = try RegularExpression(pattern: pattern)
            regexes[pattern] = r
            return r
        } catch {
            throw TokenizerError.invalidPattern(pattern: pattern, message: "\(error)")
        }
    }
}
