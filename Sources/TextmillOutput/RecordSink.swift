import TextmillDocuments

/// Where the finished results of each chunk go, in the order the coordinator hands them over:
/// every destination of `run` (a file, a resumable file, standard output, shards, error routing,
/// and the binary-shard and database sinks) is one of these, so `run` composes
/// inputs → chunker → pool → reorder → sink whatever the destination.
public protocol RecordSink: AnyObject {
    /// One chunk's result: its JSONL lines (`failures` say which are error records, and why)
    /// and its payload.
    func write(_ result: ChunkResult) throws(OutputError)
    /// The run stops early (interrupted, or a fatal error) and may be continued with `--resume`:
    /// keep what is written. A sink that cannot be continued removes its temporary files.
    func suspend()
    /// Flushes, closes and moves every file into place.
    func finish() throws(OutputError)
    /// After a fatal error: removes the temporary files (completed shards stay).
    func abandon()
    /// Bytes written so far, over all files (compressed bytes for gzip).
    var bytesWritten: Int { get }
}

extension RecordSink {
    public func suspend() { abandon() }

    /// Writes JSONL lines that did not come from a worker (tests, tools): one line per document.
    public func write(records: [UInt8], failures: [DocumentFailure]) throws(OutputError) {
        let lines = records.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        try write(ChunkResult(index: 0, records: records, documentsOK: lines - failures.count, failures: failures))
    }
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
