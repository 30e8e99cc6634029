import ArgumentParser
import TextmillConfig
import TextmillPipeline
import TextmillRun

/// `--preset`/`--config` and the overrides every processing command shares (run, inspect, serve).
struct PipelineOptions: ParsableArguments {
    @Option(help: "A preset from models/ (see `textmill presets`).")
    var preset: String?

    @Option(help: "A pipeline config file (JSON, \"version\": 1); instead of --preset.")
    var config: String?

    @Option(help: "Offset unit: codepoints (Python str indices) or utf8 (byte offsets).")
    var offsets: OffsetUnitArgument?

    @Option(help: "Folder holding the presets and models (default: found beside the executable, or $TEXTMILL_MODELS).")
    var models: String?

    @Option(help: "A BERT vocab.txt replacing the vocabulary of the pipeline's wordpiece stage.")
    var vocab: String?

    @Option(help: "Truncate wordpiece output to this many tokens, [CLS] and [SEP] included.")
    var maxLength: Int?

    @Option(help: "An LLM tokenizer file: HF tokenizer.json or a tiktoken rank file (alone, or replacing the file of the pipeline's tokenizer stage).")
    var tokenizer: String?

    @Option(help: "The pre-tokenization of a tiktoken rank file: gpt2, r50k_base, p50k_base, cl100k_base, o200k_base, or a regex.")
    var tiktokenPattern: String?

    @Flag(help: "Do not add the tokenizer's special tokens (HF add_special_tokens=False).")
    var noSpecialTokens = false

    @Option(help: "Special-token strings in the text that become special ids: none (default, encode_ordinary), all, or a comma-separated list.")
    var allowedSpecial: String?

    @Option(help: "Comma-separated record fields, e.g. id,ids,tokens,offsets,attention_mask,special_tokens_mask.")
    var fields: String?

    enum OffsetUnitArgument: String, ExpressibleByArgument, CaseIterable {
        case codepoints, utf8
    }

    /// The same choice as a value the run library and jobs understand.
    var choice: PipelineChoice {
        var choice = PipelineChoice()
        choice.preset = preset
        choice.config = config
        choice.offsets = offsets.map { $0 == .utf8 ? .utf8 : .codepoints }
        choice.models = models
        choice.vocab = vocab
        choice.maxLength = maxLength
        choice.tokenizer = tokenizer
        choice.tiktokenPattern = tiktokenPattern
        choice.noSpecialTokens = noSpecialTokens
        choice.allowedSpecial = allowedSpecial
        choice.fields = fields
        return choice
    }

    func validate() throws {
        do { try choice.validate() } catch { throw ValidationError(error.message) }
    }

    /// Loads the chosen pipeline with the overrides applied.
    func load() throws -> PipelineConfig {
        do { return try choice.load() } catch { throw FatalError(error.message) }
    }
}

/// `--text-field`, `--id-field`, `--keep-fields`: where input records keep their parts.
struct InputFieldOptions: ParsableArguments {
    @Option(help: "Field holding the text; dotted paths reach into nested objects.")
    var textField = "text"

    @Option(help: "Field holding the document id; a missing id becomes the 1-based line number.")
    var idField = "id"

    @Option(help: "Comma-separated fields copied from each input record to its output record.")
    var keepFields: String?

    var fields: InputFields {
        InputFields(
            textField: textField, idField: idField,
            keepFields: keepFields?.split(separator: ",").map { String($0) } ?? [])
    }
}
