import Synchronization
import TextmillConfig
import TextmillDocuments
import TextmillPipeline
import TextmillTestSupport

/// An in-process processor that holds every chunk until `open()`, so tests can see what the
/// server does while work is in flight (backpressure, drain).
final class GatedProcessor: ChunkProcessing {
    private let inner: InProcessChunkProcessor
    private let isOpen = Atomic<Bool>(false)

    init() {
        let config = try! PresetCatalog(directory: Fixtures.path("models")).load("icu-words")
        inner = try! InProcessChunkProcessor(pipeline: config.pipeline, fields: InputFields())
    }

    func open() { isOpen.store(true, ordering: .relaxed) }

    func process(_ chunk: DocumentChunk) async throws -> ChunkResult {
        while !isOpen.load(ordering: .relaxed) { try await Task.sleep(for: .milliseconds(5)) }
        return try await inner.process(chunk)
    }
}
