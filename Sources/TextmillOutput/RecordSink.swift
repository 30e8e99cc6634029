/// Where the finished records of each chunk go, in the order the coordinator hands them over.
public protocol RecordSink: AnyObject {
    /// One chunk's JSONL lines; `failedPositions` are the 0-based positions of its error records.
    func write(records: [UInt8], failedPositions: [Int]) throws(OutputError)
    /// Flushes, closes and renames every file into place.
    func finish() throws(OutputError)
    /// After a fatal error: removes the temporary files (completed shards stay).
    func abandon()
    /// Bytes written so far, over all files (compressed bytes for gzip).
    var bytesWritten: Int { get }
}

/// The sink for the output options: one file or stdout, or shards in a directory; with
/// `errors`, error records go to that file instead of the main output; with `rejected`, the
/// records of documents a filter stage dropped go to that one.
public func makeRecordSink(_ destination: OutputDestination, errors: String? = nil, rejected: String? = nil)
    throws(OutputError) -> any RecordSink
{
    let main: any RecordSink
    switch destination {
    case .file(let path):
        main = try SingleFileRecordSink(path: path)
    case .shards(let directory, let docsPerShard, let gzip):
        main = try ShardedRecordSink(directory: directory, docsPerShard: docsPerShard, gzip: gzip)
    }
    var sink = main
    do {
        if let errors { sink = try ErrorRoutingRecordSink(main: sink, errorsPath: errors) }
        if let rejected { sink = try RejectedRoutingRecordSink(main: sink, rejectedPath: rejected) }
    } catch {
        sink.abandon()
        throw error
    }
    return sink
}
