import TextmillConfig
import TextmillDocuments
import TextmillJSON
import TextmillOutput
import TextmillProcessing
import TextmillShards

#if canImport(Glibc)
import Glibc
#endif

/// The `RecordSink` of `run --output-format`: each chunk's documents go to the
/// `TokenShardSink` as their token ids (the chunk's `tokenIDs` payload, so the coordinator
/// parses no JSON) or their error or rejection record; with `--split-sentences`, the sequence
/// boundaries come from each record's `sentences` and token `offsets`.
///
/// Workers send records only for what the sink keeps (`workerTask`): without
/// `--split-sentences`, a document that succeeded arrives as an empty line.
public final class TokenShardOutput: RecordSink {
    let sink: TokenShardSink
    let splitSentences: Bool
    private var nextOrdinal: Int

    init(sink: TokenShardSink, splitSentences: Bool) {
        self.sink = sink
        self.splitSentences = splitSentences
        nextOrdinal = sink.resumeSkip
    }

    /// What the workers run for this output: full records only when sentences are cut from them.
    var workerTask: WorkerTask { splitSentences ? .tokenIDsAndRecords : .tokenIDs }

    public var bytesWritten: Int { sink.bytesWritten }

    /// How the record of a document a filter rejected begins (`RecordWriter`'s rejection record;
    /// no other record starts so).
    static let rejectedPrefix = Array(#"{"rejected":{"reasons":["#.utf8)

    public func write(_ result: ChunkResult) throws(OutputError) {
        guard case .tokenIDs(let columns) = result.payload, columns.documentCount == result.documentCount else {
            throw OutputError(sink.directory, "chunk \(result.index) came without token ids for its documents")
        }
        do {
            let records = result.records
            var lines: [(range: Range<Int>, failed: Bool)] = []
            lines.reserveCapacity(columns.documentCount)
            result.forEachLine { _, line, failure in lines.append((line, failure != nil)) }
            guard lines.count == columns.documentCount else {
                throw OutputError(sink.directory, "chunk \(result.index) came with \(lines.count) records for \(columns.documentCount) documents")
            }
            var idStart = 0
            for (position, (range, failed)) in lines.enumerated() {
                let count = Int(columns.counts[position])
                let ids = columns.ids[idStart..<idStart + count]
                let line = records[range]
                let ordinal = nextOrdinal
                nextOrdinal += 1
                if failed {
                    try sink.write(ordinal: ordinal, errorRecord: line)
                } else if line.isEmpty {
                    try sink.write(ordinal: ordinal, ids: ids)
                } else if line.starts(with: Self.rejectedPrefix) {
                    try sink.write(ordinal: ordinal, rejectedRecord: line)
                } else if splitSentences {
                    try sink.write(try Self.sentenceDocument(line, ids: Array(ids), ordinal: ordinal))
                } else {
                    try sink.write(ordinal: ordinal, ids: ids)
                }
                idStart += count
            }
        } catch let error as ShardError {
            throw OutputError(error.path, error.message)
        } catch let error as OutputError {
            throw error
        } catch {
            throw OutputError(sink.directory, "\(error)")
        }
    }

    public func suspend() { sink.suspend() }

    public func finish() throws(OutputError) {
        do { try sink.finish() } catch { throw OutputError(error.path, error.message) }
    }

    public func abandon() { sink.abandon() }

    /// `ids` cut at sentence boundaries: a token belongs to the sentence holding its start
    /// offset; a token with empty offsets (a special token like `[SEP]`) stays with the one before.
    static func sentenceDocument(_ line: ArraySlice<UInt8>, ids: [UInt32], ordinal: Int) throws -> ShardDocument {
        let record: JSONValue
        do { record = try JSONValue.parse(Array(line)) } catch {
            throw OutputError("", "document \(ordinal + 1): its record is not JSON: \(error)")
        }
        guard let offsets = record["offsets"]?.arrayValue, let sentences = record["sentences"]?.arrayValue, offsets.count == ids.count else {
            throw OutputError("", "document \(ordinal + 1): --split-sentences needs the record fields offsets (one per id) and sentences")
        }
        let sentenceStarts = sentences.compactMap { $0.arrayValue?.first?.intValue }
        var ends: [Int] = []
        var previous = 0
        for (i, offset) in offsets.enumerated() {
            guard let pair = offset.arrayValue, pair.count == 2, let start = pair[0].intValue, let end = pair[1].intValue, start != end
            else { continue }
            let sentence = sentenceStarts.lastIndex { $0 <= start } ?? 0
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
        _ options: ShardChoice, format: ShardFormat, directory: String?, errors: String?, rejected: String?,
        config: PipelineConfig, inputIdentity: ResumeManifest, resume: Bool
    ) throws -> TokenShardOutput {
        guard let directory else { throw RunFailure("--output-format \(format.rawValue) needs --output-dir DIR") }
        let fields = config.resolved["output"]?["fields"]?.arrayValue?.compactMap(\.stringValue) ?? []
        guard let tokenizer = try ShardTokenizer.of(config) else {
            throw RunFailure("--output-format \(format.rawValue): the pipeline \(config.name) has no tokenizer or wordpiece stage, so it makes no token ids")
        }
        if options.splitSentences && !(fields.contains("sentences") && fields.contains("offsets")) {
            throw RunFailure("--split-sentences: the pipeline \(config.name) must write the sentences and offsets fields")
        }
        let eos: UInt32?
        if options.noEos {
            eos = nil
        } else if let token = options.eosToken {
            eos = try tokenizer.resolve(token, option: "--eos-token")
        } else {
            guard let id = tokenizer.eos else { throw RunFailure("the tokenizer \(tokenizer.path) has no end-of-text token; name one with --eos-token or use --no-eos") }
            eos = id
        }
        var bos: UInt32?
        if options.bos {
            guard let id = tokenizer.bos else { throw RunFailure("--bos: the tokenizer \(tokenizer.path) has no beginning-of-text token") }
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
            format: format, vocabularySize: tokenizer.size, eos: eos, bos: bos, shardTokens: options.shardTokens,
            validation: options.validation, shuffleSeed: options.shuffleSeed, tokenizerName: tokenizer.path,
            tokenizer: tokenizer.json(fingerprint: config.fingerprint, pipeline: config.name), input: identity,
            errorsPath: absolute(errors ?? directory + "/errors.jsonl"), rejectedPath: rejected.map(absolute))
        let sink = try resume
            ? TokenShardSink.resume(directory: directory, options: shardOptions)
            : TokenShardSink(directory: directory, options: shardOptions)
        return TokenShardOutput(sink: sink, splitSentences: options.splitSentences)
    }

    /// `path` from the current directory, so a resumed run started elsewhere finds the same file.
    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return path }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) + "/" + path
    }

    /// The second summary line: what went into the shards.
    public var summaryLine: String {
        let s = sink.summary
        return "shards: \(s.shards) \(sink.options.format.rawValue) \(sink.options.tokenType.rawValue) in \(sink.directory), "
            + "\(s.tokens) tokens, \(s.trainDocuments) train + \(s.validationDocuments) val documents, \(s.errors) errors"
            + (s.errors > 0 ? " (in \(sink.options.errorsPath))" : "")
            + (s.rejected > 0 ? ", \(s.rejected) rejected by filters" + (sink.options.rejectedPath.map { " (in \($0))" } ?? "") : "")
    }
}
