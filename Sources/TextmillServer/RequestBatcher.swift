import NIOCore
import Synchronization
import TextmillDocuments

/// Gathers `process` requests from every connection into chunks for the processor.
///
/// Chunks amortize the per-call cost of the processor (a pipe round trip per chunk with the
/// worker pool), but a lone request must not wait for company. The rule: when nothing is being
/// processed, a request goes out at once; while chunks are running, requests gather until a
/// chunk is full, a running chunk finishes, or `maxDelay` passes, whichever is first. At most
/// `maxConcurrentChunks` chunks run at a time, so load shows up as bigger chunks, not more tasks.
final class RequestBatcher: Sendable {
    typealias Completion = @Sendable (Result<BatchedRecords, any Error>) -> Void

    /// A request's documents; `completion` is called on `loop`, the connection's event loop.
    struct Job: Sendable {
        var documents: [InputDocument]
        var loop: any EventLoop
        var completion: Completion
    }

    private struct State {
        var pending: [Job] = []
        var pendingDocuments = 0
        var running = 0
        var timerArmed = false
        var nextIndex = 0
    }

    private let processor: any ChunkProcessing
    private let loop: any EventLoop
    private let maxDelay: TimeAmount
    private let maxDocuments: Int
    private let maxConcurrent: Int
    private let stats: ServerStats
    private let state = Mutex(State())
    private let executor = ProcessingExecutor()

    init(processor: any ChunkProcessing, loop: any EventLoop, configuration: ServerConfiguration, stats: ServerStats) {
        self.processor = processor
        self.loop = loop
        self.maxDelay = .microseconds(Int64(configuration.maxBatchDelayMicroseconds))
        self.maxDocuments = max(1, configuration.maxBatchDocuments)
        self.maxConcurrent = max(1, configuration.maxConcurrentChunks)
        self.stats = stats
    }

    func submit(_ job: Job) {
        var armTimer = false
        let ready: [(Int, [Job])] = state.withLock { state in
            state.pending.append(job)
            state.pendingDocuments += job.documents.count
            if state.running == 0 || (state.pendingDocuments >= maxDocuments && state.running < maxConcurrent) {
                return takeBatches(&state)
            }
            if state.running < maxConcurrent && !state.timerArmed {
                state.timerArmed = true
                armTimer = true
            }
            return []
        }
        if armTimer {
            loop.scheduleTask(in: maxDelay) { self.timerFired() }
        }
        for (index, jobs) in ready { dispatch(index, jobs) }
    }

    private func timerFired() {
        let ready = state.withLock { state in
            state.timerArmed = false
            return takeBatches(&state)
        }
        for (index, jobs) in ready { dispatch(index, jobs) }
    }

    private func finished() {
        let ready = state.withLock { state in
            state.running -= 1
            return takeBatches(&state)
        }
        for (index, jobs) in ready { dispatch(index, jobs) }
    }

    /// Cuts pending jobs into chunks while there is room to run them.
    private func takeBatches(_ state: inout State) -> [(Int, [Job])] {
        var batches: [(Int, [Job])] = []
        while state.running < maxConcurrent && !state.pending.isEmpty {
            var count = 0
            var documents = 0
            for job in state.pending {
                if count > 0 && documents + job.documents.count > maxDocuments { break }
                count += 1
                documents += job.documents.count
            }
            batches.append((state.nextIndex, Array(state.pending.prefix(count))))
            state.pending.removeFirst(count)
            state.pendingDocuments -= documents
            state.nextIndex += 1
            state.running += 1
        }
        return batches
    }

    private func dispatch(_ index: Int, _ jobs: [Job]) {
        var documents: [InputDocument] = []
        documents.reserveCapacity(jobs.reduce(0) { $0 + $1.documents.count })
        for job in jobs { documents.append(contentsOf: job.documents) }
        let chunk = DocumentChunk(index: index, documents: documents)
        Task(executorPreference: executor) {
            defer { self.finished() }
            let result: ChunkResult
            do {
                result = try await self.processor.process(chunk)
            } catch {
                Self.complete(jobs.map { ($0, .failure(error)) })
                return
            }
            self.stats.chunks.add(1, ordering: .relaxed)
            self.stats.documents.add(documents.count, ordering: .relaxed)
            self.stats.documentsFailed.add(result.documentsFailed, ordering: .relaxed)
            self.deliver(result, to: jobs, documentCount: documents.count)
        }
    }

    private func deliver(_ result: ChunkResult, to jobs: [Job], documentCount: Int) {
        var lines: [ArraySlice<UInt8>] = []
        var failures: [DocumentError?] = []
        lines.reserveCapacity(documentCount)
        failures.reserveCapacity(documentCount)
        let records = result.records
        result.forEachLine { _, line, failure in
            lines.append(records[line])
            failures.append(failure)
        }
        guard lines.count == documentCount else {
            let error = BatcherError(
                description: "the processor returned \(lines.count) records for \(documentCount) documents")
            Self.complete(jobs.map { ($0, .failure(error)) })
            return
        }
        var offset = 0
        var outcomes: [(Job, Result<BatchedRecords, any Error>)] = []
        outcomes.reserveCapacity(jobs.count)
        for job in jobs {
            let n = job.documents.count
            outcomes.append((job, .success(BatchedRecords(
                lines: Array(lines[offset..<(offset + n)]), failures: Array(failures[offset..<(offset + n)])))))
            offset += n
        }
        Self.complete(outcomes)
    }

    /// One hop per event loop for a whole chunk's replies, not one per request.
    private static func complete(_ outcomes: [(Job, Result<BatchedRecords, any Error>)]) {
        var byLoop: [ObjectIdentifier: (any EventLoop, [(Job, Result<BatchedRecords, any Error>)])] = [:]
        for outcome in outcomes {
            byLoop[ObjectIdentifier(outcome.0.loop), default: (outcome.0.loop, [])].1.append(outcome)
        }
        for (loop, group) in byLoop.values {
            loop.execute { for (job, result) in group { job.completion(result) } }
        }
    }
}
