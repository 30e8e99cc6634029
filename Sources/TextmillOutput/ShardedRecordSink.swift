import TextmillDocuments

#if canImport(Glibc)
import Glibc
#endif

/// Records split into `DIR/part-00000.jsonl[.gz]`, `part-00001…`, each holding `docsPerShard`
/// records (the last one fewer). A shard is written as `DIR/.part-NNNNN.jsonl.tmp-PID` and
/// renamed when complete, so a reader listing `part-*` never sees a half shard.
///
/// A directory that already holds `part-*` files is refused: a rerun writing fewer shards
/// would otherwise leave stale ones that look like part of the new output.
final class ShardedRecordSink: RecordSink {
    let directory: String
    let docsPerShard: Int
    let gzip: Bool
    private var shard: RecordFile?
    private var shardIndex = 0
    private var inShard = 0
    private var finishedBytes = 0

    init(directory: String, docsPerShard: Int, gzip: Bool) throws(OutputError) {
        guard docsPerShard >= 1 else { throw OutputError(directory, "--shard-docs must be at least 1") }
        self.directory = directory
        self.docsPerShard = docsPerShard
        self.gzip = gzip
        var info = stat()
        if stat(directory, &info) != 0 {
            if mkdir(directory, 0o755) != 0 && errno != EEXIST {
                throw OutputError(directory, "cannot create the output directory: \(String(cString: strerror(errno)))")
            }
        } else if (info.st_mode & S_IFMT) != S_IFDIR {
            throw OutputError(directory, "is not a directory")
        }
        if let stale = Self.existingParts(directory).first {
            throw OutputError(
                directory, "already holds \(stale) (an earlier run?); remove its part-* files or choose another directory")
        }
    }

    var bytesWritten: Int { finishedBytes + (shard?.bytesWritten ?? 0) }

    /// The name of shard `index`.
    func shardName(_ index: Int) -> String {
        var digits = String(index)
        if digits.count < 5 { digits = String(repeating: "0", count: 5 - digits.count) + digits }
        return "part-\(digits).jsonl" + (gzip ? ".gz" : "")
    }

    func write(_ chunk: ChunkResult) throws(OutputError) {
        let result: Result<Void, OutputError> = chunk.records.withUnsafeBytes { raw in
            do throws(OutputError) {
                var start = 0
                while start < raw.count {
                    // Up to the shard's remaining capacity of lines, found with memchr.
                    var end = start
                    var lines = 0
                    while lines < docsPerShard - inShard, end < raw.count {
                        if let hit = memchr(raw.baseAddress! + end, 0x0A, raw.count - end) {
                            end = raw.baseAddress!.distance(to: UnsafeRawPointer(hit)) + 1
                        } else {
                            end = raw.count
                        }
                        lines += 1
                    }
                    if shard == nil { try openShard() }
                    try shard!.write(UnsafeRawBufferPointer(rebasing: raw[start..<end]))
                    inShard += lines
                    start = end
                    if inShard == docsPerShard { try closeShard() }
                }
                return .success(())
            } catch { return .failure(error) }
        }
        try result.get()
    }

    func finish() throws(OutputError) {
        // An empty run still leaves one (empty) shard, as `-o FILE` leaves an empty file.
        if shard == nil && shardIndex == 0 { try openShard() }
        if shard != nil { try closeShard() }
    }

    func abandon() {
        shard?.abandon()
        shard = nil
    }

    private func openShard() throws(OutputError) {
        let name = shardName(shardIndex)
        shard = try RecordFile(
            path: directory + "/" + name, gzip: gzip, temporaryPath: directory + "/." + name + ".tmp-\(getpid())")
        inShard = 0
    }

    private func closeShard() throws(OutputError) {
        guard let shard else { return }
        try shard.finish()
        finishedBytes += shard.bytesWritten
        self.shard = nil
        shardIndex += 1
        inShard = 0
    }

    private static func existingParts(_ directory: String) -> [String] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var found: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name.hasPrefix("part-") && name.contains(".jsonl") { found.append(name) }
        }
        return found.sorted()
    }
}
