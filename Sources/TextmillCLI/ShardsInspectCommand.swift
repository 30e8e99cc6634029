import ArgumentParser
import TextmillConfig
import TextmillShards
import TextmillRun

/// `textmill shards inspect DIR|FILE`: counts, token type, and the first documents decoded back
/// to text with the tokenizer's vocabulary.
struct ShardsInspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show a shard dataset's (or one shard's) counts, token type and first documents as text."
    )

    @Argument(help: "A dataset directory (with manifest.json), a shard file, or a Megatron prefix.")
    var path: String

    @Option(help: "How many documents to show decoded.")
    var documents = 3

    @Option(help: "Decode with this tokenizer file or BERT vocab.txt (default: the one the manifest names).")
    var vocab: String?

    @Option(help: "Read a nanoGPT file as uint16 or uint32 (it has no header; default: the manifest's, else uint16).")
    var tokenType: String?

    func run() throws {
        let type = tokenType.flatMap(ShardTokenType.init(rawValue:))
        if let tokenType, type == nil { throw ValidationError("--token-type \(tokenType): not uint16, uint32 or int32") }
        let dataset: ShardDataset
        do { dataset = try ShardDataset.open(path, tokenType: type) } catch let error as ShardError { throw FatalError("\(error)") }
        var out = "\(path): \(dataset.format.rawValue), \(dataset.tokenType.rawValue) tokens"
        if let manifest = dataset.manifest {
            out += ", state \(manifest["state"]?.stringValue ?? "?")"
            if let tokenizer = dataset.tokenizer {
                out += "\ntokenizer: \(tokenizer["pipeline"]?.stringValue ?? "?") (fingerprint \(dataset.fingerprint ?? "?"), \(tokenizer["vocabulary_size"]?.intValue ?? 0) ids)"
            }
            out += "\neos: \(dataset.eos.map(String.init) ?? "none")"
        }
        print(out)
        var shown: [ShardFile] = []
        for split in dataset.splits {
            var tokens = 0, docs = 0, knowsDocs = true
            for shard in split.shards {
                let file: ShardFile
                do { file = try dataset.open(shard) } catch let error as ShardError { throw FatalError("\(error)") }
                tokens += file.tokenCount
                if let count = file.documentCount { docs += count } else { knowsDocs = false }
                if shown.isEmpty { shown.append(file) }
            }
            let documentText = knowsDocs ? "\(docs) documents" : "documents not recorded (split on EOS)"
            print("\(split.name): \(split.shards.count) shard\(split.shards.count == 1 ? "" : "s"), \(tokens) tokens, \(documentText)")
        }
        if let errors = dataset.manifest?["errors"], let count = errors["count"]?.intValue {
            print("errors: \(count)\(count > 0 ? " in \(errors["path"]?.stringValue ?? "?")" : "")")
        }
        guard let first = shown.first, documents > 0 else { return }
        let vocabulary = try vocab.map { try ShardTokenizer.load(kind: $0.hasSuffix(".txt") ? "wordpiece" : "tokenizer", path: $0, tiktokenPattern: nil) }
            ?? dataset.tokenizer.flatMap { try ShardTokenizer.of(manifest: $0) }
        for (i, ids) in try firstDocuments(first, eos: dataset.eos).enumerated() {
            let text = vocabulary?.decode(ids) ?? ids.map(String.init).joined(separator: " ")
            print("[\(i + 1)] \(ids.count) tokens: \(text)")
        }
        if vocabulary == nil { print("(ids shown: no vocabulary known; pass --vocab FILE to decode)") }
    }

    /// The first documents of a shard: from its index, else cut after each EOS.
    func firstDocuments(_ file: ShardFile, eos: UInt32?) throws -> [[UInt32]] {
        do {
            if let ends = file.documentEnds {
                var start = 0
                return try ends.prefix(documents).map { end in
                    defer { start = end }
                    return try file.tokens(start..<end)
                }
            }
            let tokens = try file.tokens(0..<min(file.tokenCount, 1 << 20))
            guard let eos else { return [tokens] }
            var docs: [[UInt32]] = [[]]
            for t in tokens {
                docs[docs.count - 1].append(t)
                if t == eos {
                    if docs.count == documents { break }
                    docs.append([])
                }
            }
            return docs.filter { !$0.isEmpty }
        } catch let error as ShardError {
            throw FatalError("\(error)")
        }
    }
}
