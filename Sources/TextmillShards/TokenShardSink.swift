import TextmillJSON

#if canImport(Glibc)
import Glibc
#endif

/// Writes documents' token ids into a directory of binary shards for a trainer, with
/// `manifest.json` listing every completed shard.
///
/// Documents arrive in input order (`ShardDocument.ordinal` ascending). Each goes to the
/// validation or training split (`ValidationSplit`, a pure function of its position), gets its
/// BOS/EOS, and is appended to that split's open shard, which is completed (renamed into place)
/// once it holds `shardTokens` tokens; error documents go to the errors file. After every
/// completed shard the manifest records, per split, the input position below which that split
/// is complete, so `resume` restarts at the smallest of them, drops the documents a split
/// already holds, and rewrites only the shards that were open: the result is byte-identical to
/// an uninterrupted run, even after SIGKILL.
public final class TokenShardSink {
    public static let manifestName = "manifest.json"

    public let directory: String
    public let options: TokenShardOptions
    private let context: ShardFileContext
    private let splits: [SplitState]
    private let errors: RecordLinesFile
    /// Records of rejected documents (nil without a path: then only `rejectedCount` is kept).
    private let rejected: RecordLinesFile?
    private var rejectedCount = 0
    /// Input positions below this have all been seen.
    private var seenThrough = 0
    private var scratch: [UInt32] = []
    private var scratchEnds: [Int] = []
    /// The number of input documents a resumed run skips before its first `write`.
    public private(set) var resumeSkip = 0

    /// Shards are written under hidden provisional names and renamed into a seeded order by
    /// `finish`, when their number is known.
    private var ordersShards: Bool { options.shuffleSeed != nil && options.shardTokens != nil }

    /// Starts a new dataset in `directory` (created if missing), which must not already hold one.
    public convenience init(directory: String, options: TokenShardOptions) throws(ShardError) {
        try options.validate()
        try Self.prepareDirectory(directory)
        if let existing = Self.existingDataset(directory) {
            throw ShardError(directory, "already holds \(existing) (an earlier run? continue it with --resume, or choose another directory)")
        }
        let rejected: RecordLinesFile?
        if let path = options.rejectedPath { rejected = try RecordLinesFile(path: path) } else { rejected = nil }
        try self.init(directory: directory, options: options, errors: RecordLinesFile(path: options.errorsPath), rejected: rejected)
        try writeManifest(state: "writing")
    }

    private init(directory: String, options: TokenShardOptions, errors: RecordLinesFile, rejected: RecordLinesFile?) throws(ShardError) {
        self.directory = directory
        self.options = options
        self.errors = errors
        self.rejected = rejected
        context = ShardFileContext(format: options.format, tokenType: options.tokenType, tokenizerName: options.tokenizerName)
        var splits = [SplitState(name: "train", stream: 1)]
        if options.validation != .none { splits.append(SplitState(name: "val", stream: 2)) }
        self.splits = splits
    }

    /// Continues the interrupted dataset in `directory`: checks that the options, tokenizer and
    /// input are unchanged, removes the files of shards that were open, and says how many input
    /// documents to skip (`resumeSkip`).
    public static func resume(directory: String, options: TokenShardOptions) throws(ShardError) -> TokenShardSink {
        try options.validate()
        let path = directory + "/" + manifestName
        let manifest = try readManifest(path)
        if let earlier = manifest["options"], earlier != options.identity {
            throw ShardError(path, "cannot resume: \(difference(earlier, options.identity))")
        }
        if let earlier = manifest["errors"]?["path"]?.stringValue, !sameFile(earlier, options.errorsPath) {
            throw ShardError(path, "cannot resume: the error records went to \(earlier), not \(options.errorsPath)")
        }
        guard let state = manifest["state"]?.stringValue else { throw ShardError(path, "no state") }
        guard let errorsJSON = manifest["errors"], let errorBytes = errorsJSON["bytes"]?.intValue,
            let errorCount = errorsJSON["count"]?.intValue, let errorsThrough = errorsJSON["committed_through"]?.intValue
        else { throw ShardError(path, "no errors entry") }
        if state == "complete" { throw ShardError(directory, "cannot resume: the dataset is already complete") }
        // Stopped while finishing, after the errors file was renamed into place: continue from it.
        for file in [options.errorsPath, options.rejectedPath].compactMap({ $0 })
        where state == "finishing" && access(file + ".partial", F_OK) != 0 && access(file, F_OK) == 0 {
            rename(file, file + ".partial")
        }
        let rejectedJSON = manifest["rejected"]
        let earlierRejected = rejectedJSON?["path"]?.stringValue
        if earlierRejected != nil || options.rejectedPath != nil,
            earlierRejected == nil || options.rejectedPath == nil || !sameFile(earlierRejected!, options.rejectedPath!)
        {
            throw ShardError(path, "cannot resume: the rejected records went to \(earlierRejected ?? "no file"), now \(options.rejectedPath ?? "no file")")
        }
        let rejectedCount = rejectedJSON?["count"]?.intValue ?? 0
        let rejected: RecordLinesFile?
        if let file = options.rejectedPath {
            rejected = try RecordLinesFile(path: file, resumeBytes: rejectedJSON?["bytes"]?.intValue ?? 0, resumeCount: rejectedCount)
        } else {
            rejected = nil
        }
        let sink = try TokenShardSink(
            directory: directory, options: options,
            errors: RecordLinesFile(path: options.errorsPath, resumeBytes: errorBytes, resumeCount: errorCount), rejected: rejected)
        sink.rejectedCount = rejectedCount
        for split in sink.splits {
            guard let json = manifest["splits"]?.arrayValue?.first(where: { $0["name"]?.stringValue == split.name }) else {
                throw ShardError(path, "no split \(split.name)")
            }
            try split.restore(from: json, in: path)
        }
        sink.removeTemporaryFiles()
        sink.errorsCommittedThrough = errorsThrough
        sink.resumeSkip = min(errorsThrough, sink.splits.map(\.committedThrough).min() ?? 0)
        sink.seenThrough = sink.resumeSkip
        if state == "finishing" { sink.finishing = true }
        return sink
    }

    private var errorsCommittedThrough = 0
    /// A resumed run that was interrupted while renaming shards into order only completes that.
    private var finishing = false

    /// Appends one document (in input order).
    public func write(_ document: ShardDocument) throws(ShardError) {
        if let record = document.errorRecord {
            try write(ordinal: document.ordinal, errorRecord: record[...])
        } else if let record = document.rejectedRecord {
            try write(ordinal: document.ordinal, rejectedRecord: record[...])
        } else {
            try write(ordinal: document.ordinal, ids: document.ids[...], sequenceEnds: document.sequenceEnds)
        }
    }

    /// Appends the document at input position `ordinal` (in input order) as its token ids, cut
    /// into sequences as `ShardDocument.sequenceEnds` says. Allocates nothing per document: the
    /// coordinator calls it for every document of the corpus.
    public func write(ordinal: Int, ids: ArraySlice<UInt32>, sequenceEnds: [Int] = []) throws(ShardError) {
        arrive(ordinal)
        if finishing { return }
        let split = splits[options.validation.isValidation(ordinal: ordinal) ? 1 : 0]
        guard ordinal >= split.committedThrough else { return }
        let limit = UInt32(clamping: options.vocabularySize)
        if let outside = ids.first(where: { $0 >= limit }) {
            throw ShardError(directory, "document \(ordinal + 1): token id \(outside) is outside the vocabulary (\(options.vocabularySize) ids)")
        }
        assemble(ids, sequenceEnds: sequenceEnds)
        if split.open == nil { split.open = try openShard(split) }
        try split.open!.append(ids: scratch[...], sequenceEnds: scratchEnds)
        if let limit = options.shardTokens, split.open!.tokens >= limit {
            try commitShard(split)
            split.committedThrough = ordinal + 1
            try writeManifest(state: "writing")
        }
    }

    /// Appends the error record (without its newline) of the document at `ordinal` that failed.
    public func write(ordinal: Int, errorRecord: ArraySlice<UInt8>) throws(ShardError) {
        arrive(ordinal)
        if finishing { return }
        if ordinal >= errorsCommittedThrough { errors.append(errorRecord) }
    }

    /// Appends the record (without its newline) of the document at `ordinal` a filter rejected.
    public func write(ordinal: Int, rejectedRecord: ArraySlice<UInt8>) throws(ShardError) {
        arrive(ordinal)
        if finishing { return }
        // Rejections share the errors' watermark: both files are flushed at every manifest.
        if ordinal >= errorsCommittedThrough {
            rejected?.append(rejectedRecord)
            rejectedCount += 1
        }
    }

    private func arrive(_ ordinal: Int) {
        precondition(ordinal >= seenThrough, "documents must arrive in input order")
        seenThrough = ordinal + 1
    }

    /// BOS + ids + EOS into `scratch`, and the sequence ends shifted to match.
    private func assemble(_ ids: ArraySlice<UInt32>, sequenceEnds: [Int]) {
        scratch.removeAll(keepingCapacity: true)
        scratchEnds.removeAll(keepingCapacity: true)
        let shift = options.bos == nil ? 0 : 1
        if let bos = options.bos { scratch.append(bos) }
        scratch.append(contentsOf: ids)
        if let eos = options.eos { scratch.append(eos) }
        guard sequenceEnds.count > 1 else { return }
        for end in sequenceEnds { scratchEnds.append(end + shift) }
        scratchEnds[scratchEnds.count - 1] = scratch.count
    }

    private func openShard(_ split: SplitState) throws(ShardError) -> OpenShard {
        let produced = split.shards.count
        let names = options.format.fileNames(split: split.name, index: options.shardTokens == nil && produced == 0 && options.format == .nanogpt ? nil : produced)
        let paths = names.map { directory + "/" + (ordersShards ? ".unordered." + $0 : $0) }
        return try OpenShard(produced: produced, paths: paths, context: context, shuffled: options.shuffleSeed != nil)
    }

    private func commitShard(_ split: SplitState) throws(ShardError) {
        guard let open = split.open else { return }
        var order = SeededRandom(seed: options.shuffleSeed ?? 0, stream: split.stream, index: UInt64(open.produced))
        split.shards.append(try open.commit(order: &order))
        split.open = nil
    }

    /// Completes the open shards (a split that got no document still gets one empty shard, as
    /// trainers expect its file), puts the shards in their seeded order, and completes the
    /// errors file and the manifest.
    @discardableResult
    public func finish() throws(ShardError) -> TokenShardSummary {
        if !finishing {
            for split in splits {
                if split.open == nil && split.shards.isEmpty { split.open = try openShard(split) }
                try commitShard(split)
                split.committedThrough = seenThrough
            }
            try writeManifest(state: "finishing")
        }
        if ordersShards {
            for split in splits {
                var order = SeededRandom(seed: options.shuffleSeed!, stream: split.stream, index: UInt64.max)
                let positions = order.permutation(split.shards.count)
                for (i, shard) in split.shards.enumerated() where shard.files[0].hasPrefix(".unordered.") {
                    let final = options.format.fileNames(split: split.name, index: positions[i])
                    for (from, to) in zip(shard.files, final) {
                        // A resumed finish finds some files renamed already.
                        if rename(directory + "/" + from, directory + "/" + to) != 0 && errno != ENOENT {
                            throw ShardError(directory + "/" + to, "rename failed: \(String(cString: strerror(errno)))")
                        }
                    }
                    split.shards[i].files = final
                }
                split.shards.sort { $0.files[0] < $1.files[0] }
            }
        }
        try errors.finish()
        try rejected?.finish()
        errorsCommittedThrough = seenThrough
        try writeManifest(state: "complete")
        return summary
    }

    /// Leaves the dataset for `--resume` after an interruption: completed shards and the
    /// manifest stay; the open shards' temporary files go.
    public func suspend() {
        try? errors.flush()
        try? rejected?.flush()
        for split in splits { split.open?.abandon(); split.open = nil }
    }

    /// After a fatal error: the same as `suspend` (what is complete stays resumable).
    public func abandon() { suspend() }

    public var summary: TokenShardSummary {
        TokenShardSummary(
            shards: splits.reduce(0) { $0 + $1.shards.count }, tokens: splits.reduce(0) { $0 + $1.tokens },
            trainDocuments: splits[0].documents, validationDocuments: splits.count > 1 ? splits[1].documents : 0,
            errors: errors.count, rejected: rejectedCount, bytes: bytesWritten)
    }

    /// Bytes in the shards (open ones included) and the errors file.
    public var bytesWritten: Int {
        splits.reduce(0) { $0 + $1.shards.reduce(0) { $0 + $1.bytes } + ($1.open?.bytesWritten ?? 0) } + errors.size + (rejected?.size ?? 0)
    }

    // MARK: manifest

    private func writeManifest(state: String) throws(ShardError) {
        try errors.flush()
        try rejected?.flush()
        if state == "writing" { errorsCommittedThrough = seenThrough }
        let manifest = JSONValue.object([
            ("textmill_shards", ShardRecord.number(1)),
            ("state", .string(state)),
            ("format", .string(options.format.rawValue)),
            ("token_type", .string(options.tokenType.rawValue)),
            ("options", options.identity),
            ("splits", .array(splits.map(\.json))),
            ("errors", .object([
                ("path", .string(options.errorsPath)),
                ("count", ShardRecord.number(errors.count)),
                ("bytes", ShardRecord.number(errors.size)),
                ("committed_through", ShardRecord.number(errorsCommittedThrough)),
            ])),
            ("rejected", .object([
                ("path", options.rejectedPath.map { .string($0) } ?? .null),
                ("count", ShardRecord.number(rejectedCount)),
                ("bytes", ShardRecord.number(rejected?.size ?? 0)),
            ])),
        ])
        let file = try BinaryFileWriter(path: directory + "/" + Self.manifestName)
        do {
            try file.append(Array((manifest.jsonText + "\n").utf8))
            try file.close()
            try file.rename()
        } catch {
            file.abandon()
            throw error
        }
    }

    /// Reads a dataset's manifest.
    public static func readManifest(_ path: String) throws(ShardError) -> JSONValue {
        let bytes = try FileBytesReader(path: path).readAll()
        do { return try JSONValue.parse(bytes) } catch { throw ShardError(path, "not valid JSON: \(error)") }
    }

    private static func difference(_ a: JSONValue, _ b: JSONValue) -> String {
        guard let x = a.objectValue else { return "the manifest's options differ" }
        for (key, value) in x where b[key] != value {
            return "\(key) was \(value.jsonText), now \(b[key]?.jsonText ?? "missing")"
        }
        return "the options differ"
    }

    // MARK: files

    /// Whether two paths name the same file: equal, or the same existing file (`out/errors.jsonl`
    /// and `/data/out/errors.jsonl`; the partial file is what exists while a run is unfinished).
    private static func sameFile(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        var x = stat(), y = stat()
        guard stat(a + ".partial", &x) == 0, stat(b + ".partial", &y) == 0 else { return false }
        return x.st_dev == y.st_dev && x.st_ino == y.st_ino
    }

    private static func prepareDirectory(_ directory: String) throws(ShardError) {
        var info = stat()
        if stat(directory, &info) != 0 {
            if mkdir(directory, 0o755) != 0 && errno != EEXIST {
                throw ShardError(directory, "cannot create the output directory: \(String(cString: strerror(errno)))")
            }
        } else if (info.st_mode & S_IFMT) != S_IFDIR {
            throw ShardError(directory, "is not a directory")
        }
    }

    public static func listDirectory(_ directory: String) -> [String] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    private static func existingDataset(_ directory: String) -> String? {
        listDirectory(directory).first { name in
            name == manifestName || ShardFormat.allCases.contains { format in
                ["train", "val"].contains { split in
                    let example = format.fileNames(split: split, index: 0)[0]
                    return name.hasPrefix(split) && name.hasSuffix(String(example[example.lastIndex(of: ".")!...]))
                }
            }
        }
    }

    /// The hidden files of shards that were open when the run stopped.
    private func removeTemporaryFiles() {
        for name in Self.listDirectory(directory) where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            unlink(directory + "/" + name)
        }
    }
}
