import ArgumentParser
import TextmillConfig
import TextmillJSON
import TextmillShards

#if canImport(Glibc)
import Glibc
#endif

/// `textmill shards merge A B ... -o DIR`: concatenates datasets of the same tokenizer and
/// format into one shard per split (Megatron users merge prefixes this way).
struct ShardsMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Concatenate shard datasets (or shard files, Megatron prefixes) of one format and tokenizer into one shard per split.",
        discussion: """
            Dataset directories are merged split by split (train with train, val with val), in \
            the order given; their manifests must name the same format, token type, tokenizer \
            fingerprint and EOS. Single files and prefixes all go to the train split.
            """
    )

    @Argument(help: "Dataset directories, shard files or Megatron prefixes.")
    var inputs: [String]

    @Option(name: .shortAndLong, help: "The output directory (must not hold a dataset).")
    var output: String

    @Option(help: "Read nanoGPT files as uint16 or uint32 (default: the manifest's, else uint16).")
    var tokenType: String?

    func validate() throws {
        if inputs.count < 1 { throw ValidationError("name at least one input") }
    }

    func run() throws {
        let type = tokenType.flatMap(ShardTokenType.init(rawValue:))
        var datasets: [ShardDataset] = []
        do {
            for input in inputs { datasets.append(try ShardDataset.open(input, tokenType: type)) }
        } catch let error as ShardError { throw FatalError("\(error)") }
        let first = datasets[0]
        for (input, d) in zip(inputs, datasets) {
            if d.format != first.format || d.tokenType != first.tokenType {
                throw FatalError("\(input) is \(d.format.rawValue) \(d.tokenType.rawValue), but \(inputs[0]) is \(first.format.rawValue) \(first.tokenType.rawValue)")
            }
            if d.fingerprint != first.fingerprint {
                throw FatalError("\(input) was made with tokenizer fingerprint \(d.fingerprint ?? "unknown"), \(inputs[0]) with \(first.fingerprint ?? "unknown")")
            }
            if d.eos != first.eos { throw FatalError("\(input) ends documents with EOS \(d.eos.map(String.init) ?? "none"), \(inputs[0]) with \(first.eos.map(String.init) ?? "none")") }
        }
        if mkdir(output, 0o755) != 0 && errno != EEXIST { throw FatalError("\(output): cannot create the output directory") }
        if TokenShardSink.listDirectory(output).contains(where: { !$0.hasPrefix(".") }) {
            throw FatalError("\(output) is not empty; merge into a new directory")
        }
        var splitNames: [String] = []
        for d in datasets { for s in d.splits where !splitNames.contains(s.name == "file" ? "train" : s.name) { splitNames.append(s.name == "file" ? "train" : s.name) } }
        var splitsJSON: [JSONValue] = []
        var totalTokens = 0
        for name in splitNames {
            var files: [ShardFile] = []
            do {
                for d in datasets {
                    for s in d.splits where (s.name == "file" ? "train" : s.name) == name { for shard in s.shards { files.append(try d.open(shard)) } }
                }
                let paths = first.format.fileNames(split: name, index: first.format == .nanogpt ? nil : 0).map { output + "/" + $0 }
                let record = try ShardMerger.merge(files, into: paths, tokenizerName: first.tokenizer?["file"]?.stringValue ?? "Unknown Tokenizer")
                totalTokens += record.tokens
                splitsJSON.append(.object([
                    ("name", .string(name)), ("committed_through", .number(0, literal: "0")),
                    ("tokens", .number(Double(record.tokens), literal: String(record.tokens))),
                    ("documents", .number(Double(record.documents), literal: String(record.documents))),
                    ("shards", .array([record.json])),
                ]))
            } catch let error as ShardError { throw FatalError("\(error)") }
        }
        var options = first.manifest?["options"] ?? .null
        if case .object(var members) = options {
            members.removeAll { $0.key == "input" }
            members.append(("input", .object([("merged_from", .array(inputs.map { .string($0) }))])))
            options = .object(members)
        }
        let manifest = JSONValue.object([
            ("textmill_shards", .number(1, literal: "1")),
            ("state", .string("complete")),
            ("format", .string(first.format.rawValue)),
            ("token_type", .string(first.tokenType.rawValue)),
            ("options", options),
            ("splits", .array(splitsJSON)),
            ("errors", .object([("path", .null), ("count", .number(0, literal: "0")), ("bytes", .number(0, literal: "0")), ("committed_through", .number(0, literal: "0"))])),
        ])
        try writeFile(output + "/" + TokenShardSink.manifestName, Array((manifest.jsonText + "\n").utf8))
        print("merged \(inputs.count) input\(inputs.count == 1 ? "" : "s") into \(output): \(splitNames.joined(separator: ", ")), \(totalTokens) tokens")
    }
}
