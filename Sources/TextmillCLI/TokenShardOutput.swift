import TextmillConfig
import TextmillDocuments
import TextmillJSON
import TextmillShards

#if canImport(Glibc)
import Glibc
#endif

/// Turns each chunk's records into `ShardDocument`s for the `TokenShardSink`: the ids of each
/// record (its `ids` field), or its error record; with `--split-sentences`, the sequence
/// boundaries from the record's `sentences` and token `offsets`.
final class TokenShardOutput {
    let sink: TokenShardSink
    let splitSentences: Bool
    private var nextOrdinal: Int
    private var ids: [UInt32] = []

    init(sink: TokenShardSink, splitSentences: Bool) {
        self.sink = sink
        self.splitSentences = splitSentences
        nextOrdinal = sink.resumeSkip
    }

    func write(_ result: ChunkResult) throws {
        var failed = result.failedPositions.sorted()[...]
        var position = 0
        var start = 0
        let records = result.records
        try records.withUnsafeBytes { raw in
            for i in 0..<raw.count where raw[i] == 0x0A {
                let line = UnsafeRawBufferPointer(rebasing: raw[start..<i])
                let ordinal = nextOrdinal
                nextOrdinal += 1
                if failed.first == position {
                    failed.removeFirst()
                    try sink.write(ShardDocument(ordinal: ordinal, errorRecord: Array(line)))
                } else if splitSentences {
                    try sink.write(try Self.sentenceDocument(line, ordinal: ordinal))
                } else {
                    guard RecordIDScanner.ids(in: line, into: &ids) else {
                        throw FatalError("document \(ordinal + 1): its record has no ids field (the pipeline must write ids)")
                    }
                    try sink.write(ShardDocument(ordinal: ordinal, ids: ids))
                }
                position += 1
                start = i + 1
            }
        }
    }

    /// A record's ids cut at sentence boundaries: a token belongs to the sentence holding its
    /// start offset; a special token (empty offsets, like `[SEP]`) stays with the token before it.
    static func sentenceDocument(_ line: UnsafeRawBufferPointer, ordinal: Int) throws -> ShardDocument {
        let record: JSONValue
        do { record = try JSONValue.parse(Array(line)) } catch { throw FatalError("document \(ordinal + 1): its record is not JSON: \(error)") }
        guard let ids = record["ids"]?.arrayValue?.compactMap({ $0.intValue.map(UInt32.init) }),
            let offsets = record["offsets"]?.arrayValue, let sentences = record["sentences"]?.arrayValue,
            offsets.count == ids.count
        else {
            throw FatalError("document \(ordinal + 1): --split-sentences needs the record fields ids, offsets and sentences (add a sentences stage and the fields to the pipeline's output)")
        }
        let sentenceStarts = sentences.compactMap { $0.arrayValue?.first?.intValue }
        var ends: [Int] = []
        var previous = 0
        for (i, offset) in offsets.enumerated() {
            guard let pair = offset.arrayValue, pair.count == 2, let start = pair[0].intValue, let end = pair[1].intValue else { continue }
            if start == end { continue }
            let sentence = max(0, (sentenceStarts.lastIndex { $0 <= start }) ?? 0)
            if sentence > previous && i > 0 { ends.append(i) }
            previous = max(previous, sentence)
        }
        ends.append(ids.count)
        return ShardDocument(ordinal: ordinal, ids: ids, sequenceEnds: ends)
    }
}

extension TokenShardOutput {
    /// The shard output for `run`'s options: the tokenizer's vocabulary and EOS/BOS from the
    /// pipeline, the input identity for `--resume`, a new dataset or the interrupted one.
    static func make(
        _ options: ShardOutputOptions, format: ShardFormat, directory: String?, errors: String?,
        config: PipelineConfig, inputIdentity: ResumeManifest, resume: Bool
    ) throws -> TokenShardOutput {
        guard let directory else { throw FatalError("--output-format \(format.rawValue) needs --output-dir DIR") }
        let fields = config.resolved["output"]?["fields"]?.arrayValue?.compactMap(\.stringValue) ?? []
        guard fields.contains("ids") else {
            throw FatalError("--output-format \(format.rawValue): the pipeline \(config.name) writes no ids (use a tokenizer, e.g. --preset bert-wordpiece)")
        }
        if options.splitSentences && !(fields.contains("sentences") && fields.contains("offsets")) {
            throw FatalError("--split-sentences: the pipeline \(config.name) must write the sentences and offsets fields")
        }
        guard let vocabulary = try TokenizerVocabulary.of(config) else {
            throw FatalError("--output-format \(format.rawValue): the pipeline \(config.name) has no tokenizer stage whose vocabulary is known")
        }
        let eos: UInt32?
        if options.noEos {
            eos = nil
        } else if let token = options.eosToken {
            eos = try vocabulary.resolve(token, option: "--eos-token")
        } else {
            guard let id = vocabulary.eos else { throw FatalError("the tokenizer has no end-of-text token; name one with --eos-token or use --no-eos") }
            eos = id
        }
        var bos: UInt32?
        if options.bos {
            guard let id = vocabulary.bos else { throw FatalError("--bos: the tokenizer has no beginning-of-text token") }
            bos = id
        }
        let identity: JSONValue = .object([
            ("inputs", .array(inputIdentity.inputs.map {
                .object([
                    ("path", .string($0.path)), ("size", .number(Double($0.size), literal: "\($0.size)")),
                    ("modified_ns", .number(Double($0.modified), literal: "\($0.modified)")),
                ])
            })),
            ("options", .array((inputIdentity.options + (options.splitSentences ? ["--split-sentences"] : [])).map { .string($0) })),
        ])
        let shardOptions = TokenShardOptions(
            format: format, vocabularySize: vocabulary.size, eos: eos, bos: bos, shardTokens: options.shardTokens?.value,
            validation: options.validation, shuffleSeed: options.shuffleSeed, tokenizerName: config.name,
            tokenizer: vocabulary.json(fingerprint: config.fingerprint, pipeline: config.name), input: identity,
            errorsPath: absolute(errors ?? directory + "/errors.jsonl"))
        let sink = try resume
            ? TokenShardSink.resume(directory: directory, options: shardOptions)
            : TokenShardSink(directory: directory, options: shardOptions)
        return TokenShardOutput(sink: sink, splitSentences: options.splitSentences)
    }
}

extension TokenShardOutput {
    /// `path` from the current directory, so a resumed run started elsewhere finds the same file.
    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return path }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) + "/" + path
    }

    /// The second summary line: what went into the shards.
    var summaryLine: String {
        let s = sink.summary
        return "shards: \(s.shards) \(sink.options.format.rawValue) \(sink.options.tokenType.rawValue) in \(sink.directory), "
            + "\(s.tokens) tokens, \(s.trainDocuments) train + \(s.validationDocuments) val documents, \(s.errors) errors"
            + (s.errors > 0 ? " (in \(sink.options.errorsPath))" : "")
    }
}
