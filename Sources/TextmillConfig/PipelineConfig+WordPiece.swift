import TextmillJSON
import TextmillPipeline

#if canImport(Glibc)
import Glibc
#endif

/// `--vocab` and `--max-length`: replace the vocabulary or the length limit of the pipeline's
/// `wordpiece` stage(s), so a preset can run with any BERT model's `vocab.txt`.
extension PipelineConfig {
    /// Re-parsed from the resolved form (like `overriding(offsetUnit:)`), so the fingerprint
    /// hashes the new vocabulary file and a worker given the resolved config builds the same
    /// pipeline. A relative `vocab` is taken relative to the current directory and made absolute.
    public func overridingWordPiece(vocab: String? = nil, maxLength: Int? = nil) throws(ConfigError) -> PipelineConfig {
        if vocab == nil && maxLength == nil { return self }
        let option = vocab != nil ? "--vocab" : "--max-length"
        guard case .object(var members) = resolved else { return self }
        var found = false
        for (i, member) in members.enumerated() where member.key == "stages" {
            guard case .array(var stages) = member.value else { continue }
            for (j, stage) in stages.enumerated() {
                guard case .object(var fields) = stage, stage["type"]?.stringValue == "wordpiece" else { continue }
                found = true
                for (k, field) in fields.enumerated() {
                    if field.key == "vocab", let vocab { fields[k].value = .string(FileBytes.absolutePath(vocab)) }
                    if field.key == "max_length", let maxLength {
                        fields[k].value = .number(Double(maxLength), literal: "\(maxLength)")
                    }
                }
                stages[j] = .object(fields)
            }
            members[i].value = .array(stages)
        }
        guard found else { throw ConfigError(file: path, field: "", "\(option): this pipeline has no wordpiece stage") }
        if let vocab, !FileBytes.exists(FileBytes.absolutePath(vocab)) {
            throw ConfigError(file: vocab, field: "", "--vocab: no such file")
        }
        return try PipelineConfig.parse(Array(JSONValue.object(members).jsonText.utf8), path: path)
    }
}
