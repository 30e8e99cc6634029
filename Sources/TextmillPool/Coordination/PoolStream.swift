import TextmillDocuments

/// A whole stream of chunks run by the pool's dispatcher thread itself (`WorkerPool.stream`):
/// it pulls chunks from `next` while fewer than the bound are outstanding, turns each into a
/// job, and delivers results (in order, unless unordered) as their frames arrive, so a chunk
/// costs no task, continuation, lock or thread hand-off of its own.
///
/// `@unchecked Sendable`: made by the caller, handed over through the pool's mutex, and from
/// then on used only by the dispatcher thread while the caller waits for `done`; the caller's
/// closures therefore never run concurrently with the caller. They are dropped before `done`
/// is called (the caller passes non-escaping closures through `withoutActuallyEscaping`), so
/// they are only ever called through these optionals, never kept in a local.
final class PoolStream: @unchecked Sendable {
    private var next: (() throws -> DocumentChunk?)?
    private var shouldStop: (() -> Bool)?
    private var deliver: ((ChunkResult) throws -> Void)?
    private let done: (Result<Void, any Error>) -> Void
    private var order: ChunkDeliveryOrder
    private var exhausted = false
    /// Set once `done` has been called; results that arrive later (after an error) are dropped.
    private(set) var isFinished = false

    init(
        maxOutstanding: Int, ordered: Bool, next: @escaping () throws -> DocumentChunk?, shouldStop: @escaping () -> Bool,
        deliver: @escaping (ChunkResult) throws -> Void, done: @escaping (Result<Void, any Error>) -> Void
    ) {
        self.order = ChunkDeliveryOrder(maxOutstanding: maxOutstanding, ordered: ordered)
        self.next = next
        self.shouldStop = shouldStop
        self.deliver = deliver
        self.done = done
    }

    /// The jobs for as many new chunks as the bound allows (none once the input is exhausted).
    func refill() -> [PoolJob] {
        var jobs: [PoolJob] = []
        var failure: (any Error)?
        while !isFinished && !exhausted && order.hasRoom {
            if shouldStop!() {
                exhausted = true
                break
            }
            let chunk: DocumentChunk?
            do { chunk = try next!() } catch {
                failure = error
                break
            }
            guard let chunk else {
                exhausted = true
                break
            }
            order.submitted(chunk.index)
            jobs.append(PoolJob(chunk: chunk, retries: 1) { [self] in accept($0) })
        }
        if let failure { finish(.failure(failure)) }
        finishIfComplete()
        return jobs
    }

    /// A job's outcome: its result is delivered when its turn comes; a pool failure ends the stream.
    func accept(_ outcome: Result<ChunkResult, WorkerPoolError>) {
        guard !isFinished else { return }
        var failure: (any Error)?
        do {
            try order.finished(outcome.get(), deliver: { try self.deliver!($0) })
        } catch {
            failure = error
        }
        if let failure { return finish(.failure(failure)) }
        finishIfComplete()
    }

    /// Ends the stream (the pool stopped) unless it has ended already.
    func finish(_ outcome: Result<Void, any Error>) {
        guard !isFinished else { return }
        isFinished = true
        next = nil
        shouldStop = nil
        deliver = nil
        done(outcome)
    }

    private func finishIfComplete() {
        if exhausted && order.outstanding == 0 { finish(.success(())) }
    }
}
