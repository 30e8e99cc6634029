import TextmillConfig
import TextmillDocuments
import TextmillPipeline
import TextmillProcessing

/// Where a run gets its processing: a backend made for it and shut down after it (the CLI), or
/// a warm pool kept between runs of the same pipeline (the server's jobs).
public protocol BackendProvider: Sendable {
    func acquire(
        config: PipelineConfig, fields: InputFields, workers: Int, isolate: Bool, task: WorkerTask, chunkTimeout: Duration
    ) throws(ProcessingSetupError) -> ProcessingBackend
    /// The run is done with `backend`.
    func release(_ backend: ProcessingBackend)
}
