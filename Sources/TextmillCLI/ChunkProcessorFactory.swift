import TextmillConfig
import TextmillDocuments
import TextmillPipeline
import TextmillPool
import TextmillVocab
import TextmillCuration

/// Where chunks get processed: in this process, or on a pool of worker processes.
///
/// `run`, `serve`, `chat` and the vocabulary build all make theirs here, so they process
/// documents identically (same pipeline, same fingerprint check, same fault handling).
struct ProcessingBackend {
    let processor: any ChunkProcessing
    let pool: WorkerPool?

    /// With `workers` == 1 and no `isolate`, processing happens in this process (no crash
    /// isolation, no start-up cost: the usual choice under Spark); otherwise `workers` worker
    /// processes are started and checked before this returns.
    static func make(
        config: PipelineConfig, fields: InputFields, workers: Int, isolate: Bool = false, task: WorkerTask = .records,
        chunkTimeout: Duration = .seconds(120), inProcess: () throws -> any ChunkProcessing
    ) throws -> ProcessingBackend {
        if workers <= 1 && !isolate {
            do { return ProcessingBackend(processor: try inProcess(), pool: nil) } catch let error as FatalError {
                throw error
            } catch {
                throw FatalError("cannot start the pipeline: \(error)")
            }
        }
        let errorRecords = ErrorRecordWriter(fields: fields)
        let configuration = WorkerPoolConfiguration(
            executable: ProcessEnvironment.executablePath(), arguments: ["worker"], workerCount: workers,
            initialization: WorkerSpec(task: task, config: config, fields: fields).encoded,
            expectedFingerprint: config.fingerprint, chunkTimeout: chunkTimeout,
            isolatedRecord: { document, error in
                let record = errorRecords.record(for: document, error)
                switch task {
                case .records: return record
                case .vocab: return PartialCountsSequence.isolated(errorRecord: record)
                case .dedup:
                    var bytes: [UInt8] = []
                    DedupSignature.error(record: Array(record.dropLast())).encode(into: &bytes)
                    return bytes
                }
            })
        do {
            let pool = try WorkerPool(configuration: configuration)
            return ProcessingBackend(processor: pool, pool: pool)
        } catch {
            throw FatalError("\(error)")
        }
    }

    /// Record processing for `run` and `serve`.
    static func records(
        config: PipelineConfig, fields: InputFields, workers: Int, isolate: Bool = false,
        chunkTimeout: Duration = .seconds(120)
    ) throws -> ProcessingBackend {
        try make(config: config, fields: fields, workers: workers, isolate: isolate, chunkTimeout: chunkTimeout) {
            try InProcessChunkProcessor(pipeline: config.pipeline, fields: fields)
        }
    }

    func shutdown() { pool?.shutdown() }
}

/// The processor `serve` and `chat` run on (see `ProcessingBackend`).
func makeChunkProcessor(config: PipelineConfig, pipeline: Pipeline, fields: InputFields, workers: Int) throws -> any ChunkProcessing {
    try ProcessingBackend.records(config: config, fields: fields, workers: workers).processor
}
