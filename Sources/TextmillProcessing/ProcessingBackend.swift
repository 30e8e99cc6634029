import TextmillConfig
import TextmillDocuments
import TextmillPipeline
import TextmillPool

/// Where chunks get processed: in this process, or on a pool of worker processes that run the
/// same binary's hidden `worker` mode (`WorkerSpec` tells each what to build).
///
/// `run`, `serve`, the server's jobs, `vocab build` and `dedup` all make theirs here, so they
/// process documents identically (same pipeline, same fingerprint check, same fault handling);
/// `chat` without a server runs its own in-process processor, as `--workers 1` would.
public struct ProcessingBackend: Sendable {
    public let processor: any ChunkProcessing
    public let pool: WorkerPool?

    /// With `workers` == 1 and no `isolate`, processing happens in this process (no crash
    /// isolation, no start-up cost: the usual choice under Spark); otherwise `workers` worker
    /// processes are started and checked before this returns. `niceness` lowers the workers' CPU
    /// priority (a server's job workers, so its message workers keep their latency).
    public static func make(
        config: PipelineConfig, fields: InputFields, workers: Int, isolate: Bool = false, task: WorkerTask = .records,
        chunkTimeout: Duration = .seconds(120), niceness: Int = 0
    ) throws(ProcessingSetupError) -> ProcessingBackend {
        if workers <= 1 && !isolate {
            do {
                return ProcessingBackend(processor: try task.makeProcessor(config: config, fields: fields), pool: nil)
            } catch {
                throw ProcessingSetupError("cannot start the pipeline: \(error)")
            }
        }
        let errorRecords = ErrorRecordWriter(fields: fields)
        let configuration = WorkerPoolConfiguration(
            executable: ProcessEnvironment.executablePath(), arguments: ["worker"] + (niceness > 0 ? ["--nice", String(niceness)] : []), workerCount: workers,
            initialization: WorkerSpec(task: task, config: config, fields: fields).encoded,
            expectedFingerprint: config.fingerprint, chunkTimeout: chunkTimeout,
            isolatedResult: { document, error in
                task.isolatedResult(errorRecord: errorRecords.record(for: document, error), error: error)
            })
        do {
            let pool = try WorkerPool(configuration: configuration)
            return ProcessingBackend(processor: pool, pool: pool)
        } catch {
            throw ProcessingSetupError("\(error)")
        }
    }

    /// Record processing for `serve` (`run` picks its task with `make`).
    public static func records(
        config: PipelineConfig, fields: InputFields, workers: Int, isolate: Bool = false,
        chunkTimeout: Duration = .seconds(120)
    ) throws(ProcessingSetupError) -> ProcessingBackend {
        try make(config: config, fields: fields, workers: workers, isolate: isolate, chunkTimeout: chunkTimeout)
    }

    public func shutdown() { pool?.shutdown() }
}
