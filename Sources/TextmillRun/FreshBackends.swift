import TextmillConfig
import TextmillDocuments
import TextmillPipeline
import TextmillProcessing

/// A backend per run: started when the run starts, stopped when it ends.
public struct FreshBackends: BackendProvider {
    public init() {}

    public func acquire(
        config: PipelineConfig, fields: InputFields, workers: Int, isolate: Bool, task: WorkerTask, chunkTimeout: Duration
    ) throws(ProcessingSetupError) -> ProcessingBackend {
        try ProcessingBackend.make(config: config, fields: fields, workers: workers, isolate: isolate, task: task, chunkTimeout: chunkTimeout)
    }

    public func release(_ backend: ProcessingBackend) { backend.shutdown() }
}
