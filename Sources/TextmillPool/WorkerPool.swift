#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Synchronization
import TextmillDocuments

/// Long-lived worker processes (re-executions of this binary in `worker` mode) that turn chunks
/// into finished records, with crash and hang recovery.
///
/// Chunks can be submitted from any thread or task, one at a time (the server) or as a stream
/// (`run`, which bounds how many it has outstanding). One dispatcher thread owns every worker:
/// it polls all pipes, keeps up to `maxInFlightPerWorker` chunks queued at each worker, and
/// replaces a worker that dies or stops answering. Its chunk is sent again; a chunk that fails
/// twice is bisected until each document that kills workers stands alone and gets an error
/// record, while every other document is processed normally. Completions run on the
/// dispatcher thread and must be quick.
public final class WorkerPool: ChunkProcessing, Sendable {
    public let configuration: WorkerPoolConfiguration
    private let shared = Mutex(Shared())
    private let wake: (read: Int32, write: Int32)
    private let ready = DispatchSemaphore(value: 0)
    private let stopped = DispatchSemaphore(value: 0)

    private struct Shared: ~Copyable {
        var submitted: [PoolJob] = []
        var shuttingDown = false
        var failure: WorkerPoolError?
        var statistics = WorkerPoolStatistics()
        /// A stream waiting for the dispatcher to take it over.
        var stream: PoolStream?
    }

    /// Starts the workers and waits until every one has loaded the pipeline and reported the
    /// expected fingerprint.
    public init(configuration: WorkerPoolConfiguration) throws(WorkerPoolError) {
        self.configuration = configuration
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw .spawnFailed("pipe: \(String(cString: strerror(errno)))") }
        for fd in fds {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }
        wake = (fds[0], fds[1])
        let dispatcher = Dispatcher(pool: self)
        startThread { dispatcher.run() }
        ready.wait()
        if let failure = shared.withLock({ $0.failure }) {
            shutdown()
            throw failure
        }
    }

    deinit {
        close(wake.read)
        close(wake.write)
    }

    /// Processes one chunk; the result has one line per document, in order.
    public func process(_ chunk: DocumentChunk) async throws -> ChunkResult {
        try await withCheckedThrowingContinuation { continuation in
            submit(chunk) { continuation.resume(with: $0) }
        }
    }

    /// Queues a chunk; `completion` runs on the dispatcher thread when its result is in, or
    /// with an error if the pool stops first.
    public func submit(_ chunk: DocumentChunk, completion: @escaping @Sendable (Result<ChunkResult, WorkerPoolError>) -> Void) {
        let job = PoolJob(chunk: chunk, retries: 1, completion: completion)
        let refused: WorkerPoolError? = shared.withLock { state in
            if let failure = state.failure { return failure }
            if state.shuttingDown { return .shutDown }
            state.submitted.append(job)
            return nil
        }
        if let refused { return completion(.failure(refused)) }
        signalDispatcher()
    }

    /// Runs a whole stream of chunks on the dispatcher thread (see `PoolStream` and
    /// `ChunkStreamRunner`, which calls this for a pool): returns when every chunk `next` gave
    /// has been delivered, or throws the first error of `next`, `deliver` or the pool. The
    /// closures run on the dispatcher thread while the caller waits. One stream at a time.
    func stream(
        maxOutstanding: Int, ordered: Bool, next: @escaping () throws -> DocumentChunk?, shouldStop: @escaping () -> Bool,
        deliver: @escaping (ChunkResult) throws -> Void
    ) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let stream = PoolStream(
                maxOutstanding: maxOutstanding, ordered: ordered, next: next, shouldStop: shouldStop, deliver: deliver,
                done: { continuation.resume(with: $0) })
            let refused: WorkerPoolError? = shared.withLock { state in
                if let failure = state.failure { return failure }
                if state.shuttingDown { return .shutDown }
                guard state.stream == nil else { return .unstable("a second chunk stream was started while one runs") }
                state.stream = stream
                return nil
            }
            if let refused { return stream.finish(.failure(refused)) }
            signalDispatcher()
        }
    }

    public var statistics: WorkerPoolStatistics { shared.withLock { $0.statistics } }

    /// The error that stopped the pool, if one did.
    public var failure: WorkerPoolError? { shared.withLock { $0.failure } }

    /// Stops the workers (after the chunks they hold) and waits for the dispatcher to end.
    /// Chunks still queued fail with `.shutDown`.
    public func shutdown() {
        let first = shared.withLock { state -> Bool in
            defer { state.shuttingDown = true }
            return !state.shuttingDown
        }
        guard first else { return }
        signalDispatcher()
        stopped.wait()
    }

    private func signalDispatcher() {
        var byte: UInt8 = 1
        _ = write(wake.write, &byte, 1)
    }

    // MARK: - The dispatcher thread

    /// Everything only the dispatcher thread touches.
    private final class Dispatcher: @unchecked Sendable {
        // Strong: a pool dropped without shutdown() stays alive until its dispatcher has stopped.
        let pool: WorkerPool
        var config: WorkerPoolConfiguration { pool.configuration }
        var slots: [WorkerSlot?]
        var pending: [PoolJob] = []
        /// The stream this thread runs, if any (`WorkerPool.stream`).
        var stream: PoolStream?
        var consecutiveFailures = 0
        let clock = ContinuousClock()
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)

        /// The capacity of each worker's result pipe (`PipeCapacity`).
        let resultPipeBytes: Int

        init(pool: WorkerPool) {
            self.pool = pool
            self.slots = Array(repeating: nil, count: pool.configuration.workerCount)
            resultPipeBytes = PipeCapacity.resultPipeBytes(workers: pool.configuration.workerCount)
        }

        deinit { scratch.deallocate() }

        func run() {
            defer {
                stopAll()
                // A stream still running, or handed over and never taken, ends with the pool.
                let (failure, waiting) = pool.shared.withLock { state in
                    defer { state.stream = nil }
                    return (state.failure ?? .shutDown, state.stream)
                }
                stream?.finish(.failure(failure))
                waiting?.finish(.failure(failure))
                stream = nil
                pool.stopped.signal()
            }
            do throws(WorkerPoolError) {
                for i in slots.indices { try spawn(i) }
                try waitForStartup()
            } catch {
                fail(error)
                pool.ready.signal()
                return
            }
            pool.ready.signal()
            do throws(WorkerPoolError) {
                try loop()
            } catch {
                fail(error)
            }
        }

        private func spawn(_ i: Int) throws(WorkerPoolError) {
            let process = try SpawnedProcess(
                executable: config.executable, arguments: config.arguments, environment: config.environment,
                resultPipeBytes: resultPipeBytes)
            slots[i] = WorkerSlot(
                process: process, initialization: config.initialization, startDeadline: clock.now + config.startTimeout)
            pool.shared.withLock { $0.statistics.workersAlive = slots.compactMap { $0 }.count }
        }

        private func waitForStartup() throws(WorkerPoolError) {
            while slots.contains(where: { $0?.state == .starting }) {
                try step(startingUp: true)
            }
        }

        private func loop() throws(WorkerPoolError) {
            while true {
                let (incoming, stopping, handedOver) = pool.shared.withLock { state in
                    defer {
                        state.submitted.removeAll()
                        state.stream = nil
                    }
                    return (state.submitted, state.shuttingDown, state.stream)
                }
                if let handedOver { stream = handedOver }
                pending.append(contentsOf: incoming)
                if let current = stream {
                    pending.append(contentsOf: current.refill())
                    if current.isFinished { stream = nil }
                }
                if stopping && pending.isEmpty && slots.allSatisfy({ $0?.inFlight.isEmpty ?? true }) { return }
                if stopping && pending.isEmpty == false && slots.allSatisfy({ $0 == nil }) { return }
                assign()
                try step(startingUp: false)
            }
        }

        /// Hands pending jobs to the least-loaded ready workers.
        private func assign() {
            while !pending.isEmpty {
                var best: Int?
                for (i, slot) in slots.enumerated() {
                    guard let slot, slot.state == .ready, slot.inFlight.count < config.maxInFlightPerWorker else { continue }
                    if best == nil || slot.inFlight.count < slots[best!]!.inFlight.count { best = i }
                }
                guard let best, let slot = slots[best] else { return }
                let job = pending.removeFirst()
                if slot.inFlight.isEmpty { slot.deadline = clock.now + config.chunkTimeout }
                slot.inFlight.append(job)
                slot.queue(job.frame)
                // Write now rather than after one more poll (the pipe almost always has room); a
                // closed pipe is found by the next poll, as before.
                _ = slot.flush()
            }
        }

        /// One poll over every pipe, then whatever it allows: writes, reads, deadlines.
        private func step(startingUp: Bool) throws(WorkerPoolError) {
            var fds: [pollfd] = [pollfd(fd: pool.wake.read, events: Int16(POLLIN), revents: 0)]
            var owners: [(slot: Int, writing: Bool)] = [(-1, false)]
            var nearest: ContinuousClock.Instant?
            for (i, slot) in slots.enumerated() {
                guard let slot else { continue }
                fds.append(pollfd(fd: slot.process.fromChild, events: Int16(POLLIN), revents: 0))
                owners.append((i, false))
                if slot.hasOutput {
                    fds.append(pollfd(fd: slot.process.toChild, events: Int16(POLLOUT), revents: 0))
                    owners.append((i, true))
                }
                if slot.state == .starting || !slot.inFlight.isEmpty {
                    nearest = nearest.map { min($0, slot.deadline) } ?? slot.deadline
                }
            }
            var timeout: Int32 = 1000
            if let nearest {
                let left = nearest - clock.now
                timeout = max(0, min(1000, Int32(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000) + 1))
            }
            let n = poll(&fds, nfds_t(fds.count), timeout)
            if n < 0 && errno != EINTR { throw .unstable("poll failed: \(String(cString: strerror(errno)))") }
            if n > 0 {
                if fds[0].revents != 0 { drainWake() }
                for (k, fd) in fds.enumerated().dropFirst() where fd.revents != 0 {
                    let (i, writing) = owners[k]
                    // A slot replaced earlier in this pass has new pipes that were not polled.
                    guard let slot = slots[i], fd.fd == (writing ? slot.process.toChild : slot.process.fromChild) else { continue }
                    if writing {
                        if slot.flush() == .closed { try failed(i, .workerCrashed, "its input pipe closed", startingUp) }
                    } else {
                        try receive(i, slot, startingUp)
                    }
                }
            }
            let now = clock.now
            for (i, slot) in slots.enumerated() {
                guard let slot, slot.state == .starting || !slot.inFlight.isEmpty, now >= slot.deadline else { continue }
                if slot.state == .starting {
                    try failed(i, .timeout, "no ready report within \(config.startTimeout)", startingUp)
                    continue
                }
                try failed(i, .timeout, "no result within \(config.chunkTimeout) (--chunk-timeout)", startingUp)
            }
        }

        private func drainWake() {
            var buffer = [UInt8](repeating: 0, count: 256)
            while read(pool.wake.read, &buffer, buffer.count) > 0 {}
        }

        private func receive(_ i: Int, _ slot: WorkerSlot, _ startingUp: Bool) throws(WorkerPoolError) {
            let outcome = slot.fill(scratch)
            while slots[i] === slot {
                let decoded: FrameDecoder.Decoded?
                do throws(FrameError) { decoded = try slot.decoder.nextDecoded() } catch {
                    return try failed(i, .workerCrashed, "sent a corrupt frame (\(error))", startingUp)
                }
                guard let decoded else { break }
                switch decoded {
                case .frame(let frame): try handle(frame, from: i, slot)
                case .result(let result): try handle(result, from: i, slot)
                }
            }
            if outcome == .closed && slots[i] === slot {
                let ending = slot.process.terminate(kill: false)
                let why = slot.decoder.hasPartialFrame ? "\(ending), in the middle of a frame" : ending
                try failed(i, .workerCrashed, why, startingUp)
            }
        }

        /// A frame other than a result from worker `i`.
        private func handle(_ frame: Frame, from i: Int, _ slot: WorkerSlot) throws(WorkerPoolError) {
            switch frame.kind {
            case .ready:
                guard slot.state == .starting else { throw .unstable("worker sent ready twice") }
                let fingerprint = String(decoding: frame.payload, as: UTF8.self)
                guard fingerprint == config.expectedFingerprint else {
                    throw .fingerprintMismatch(expected: config.expectedFingerprint, got: fingerprint)
                }
                slot.state = .ready
            case .error:
                throw .initializationFailed(String(decoding: frame.payload, as: UTF8.self))
            default:
                // Results come decoded (`FrameDecoder.nextDecoded`), never as frames.
                throw .unstable("worker sent an unexpected \(frame.kind) frame")
            }
        }

        /// A result frame from worker `i`, decoded (or not) by the frame decoder.
        private func handle(_ decoded: Result<ChunkResult, FrameError>, from i: Int, _ slot: WorkerSlot) throws(WorkerPoolError) {
            guard slot.state == .ready, !slot.inFlight.isEmpty else {
                throw .unstable("worker sent a result nobody asked for")
            }
            let result: ChunkResult
            switch decoded {
            case .success(let decoded): result = decoded
            case .failure(let error): return try failed(i, .workerCrashed, "sent a corrupt result (\(error))", false)
            }
            let job = slot.inFlight.removeFirst()
            slot.deadline = clock.now + config.chunkTimeout
            consecutiveFailures = 0
            pool.shared.withLock { $0.statistics.chunksCompleted += 1 }
            job.completion(.success(result))
        }

        /// Worker `i` died, hung or garbled its output: replace it and reschedule its chunks.
        private func failed(_ i: Int, _ code: DocumentError.Code, _ why: String, _ startingUp: Bool) throws(WorkerPoolError) {
            guard let slot = slots[i] else { return }
            let ending = slot.process.terminate(kill: true)
            slots[i] = nil
            let pid = slot.process.pid
            // The worker answers in order, so the head chunk is the one it was working on; the
            // ones behind it were never started and go back to the queue as they were. This
            // happens before any throw below, so `fail` finds every job and none is left hanging.
            let head = slot.inFlight.first
            var requeue = Array(slot.inFlight.dropFirst())
            slot.inFlight.removeAll()
            defer { pending.insert(contentsOf: requeue, at: 0) }
            // Only the first start-up is fatal: the pipeline itself cannot load. A replacement that
            // dies before it is ready loaded the same pipeline once already, so its death (a kill
            // from outside, memory pressure) is a crash like any other, bounded by the failure limit.
            if startingUp {
                if let head { requeue.insert(head, at: 0) }
                throw .initializationFailed("worker \(pid) \(why == ending ? why : "\(why); \(ending)") before it was ready")
            }
            consecutiveFailures += 1
            pool.shared.withLock { state in
                if code == .timeout { state.statistics.workerTimeouts += 1 } else { state.statistics.workerCrashes += 1 }
            }
            if let head {
                head.failures += 1
                head.lastFailure = code
                head.lastFailureDetail = why
                pool.shared.withLock { $0.statistics.retriedChunks += 1 }
                if head.failures <= head.retries {
                    requeue.insert(head, at: 0)
                } else if head.chunk.documents.count > 1 {
                    let (left, right) = head.split()
                    requeue.insert(contentsOf: [left, right], at: 0)
                } else {
                    isolate(head)
                }
            }
            if consecutiveFailures > config.maxConsecutiveFailures {
                throw .unstable("\(consecutiveFailures) worker failures in a row; the last: worker \(pid) \(why)")
            }
            try spawn(i)
            pool.shared.withLock { $0.statistics.workerRestarts += 1 }
        }

        /// Gives the lone document of `job` an error record in place of its result.
        private func isolate(_ job: PoolJob) {
            let document = job.chunk.documents[0]
            let message = job.lastFailure == .timeout
                ? "the worker processing this document stopped answering twice (\(job.lastFailureDetail)); document skipped"
                : "the worker processing this document crashed twice (\(job.lastFailureDetail)); document skipped"
            var result = config.isolatedResult(document, DocumentError(job.lastFailure, message))
            result.index = job.chunk.index
            pool.shared.withLock { $0.statistics.isolatedDocuments += 1 }
            job.completion(.success(result))
        }

        private func fail(_ error: WorkerPoolError) {
            let orphans = pool.shared.withLock { state -> [PoolJob] in
                if state.failure == nil { state.failure = error }
                defer { state.submitted.removeAll() }
                return state.submitted
            }
            var jobs = pending + orphans
            for slot in slots.compactMap({ $0 }) { jobs.append(contentsOf: slot.inFlight) }
            pending.removeAll()
            for slot in slots.compactMap({ $0 }) { slot.inFlight.removeAll() }
            for job in jobs { job.completion(.failure(error)) }
        }

        /// Asks every worker to exit, waits briefly, then kills stragglers.
        private func stopAll() {
            let deadline = clock.now + .seconds(2)
            for slot in slots.compactMap({ $0 }) {
                slot.queue(Frame(.shutdown).encoded)
                _ = slot.flush()
                slot.process.closeInput()
            }
            for (i, slot) in slots.enumerated() {
                guard let slot else { continue }
                while slot.process.exitStatusIfEnded() == nil && clock.now < deadline { usleep(2000) }
                slot.process.terminate(kill: true)
                slots[i] = nil
            }
            let leftovers = pool.shared.withLock { state -> [PoolJob] in
                defer { state.submitted.removeAll() }
                state.statistics.workersAlive = 0
                return state.submitted
            }
            for job in pending + leftovers { job.completion(.failure(pool.shared.withLock { $0.failure } ?? .shutDown)) }
            pending.removeAll()
        }
    }
}

/// Runs `body` on a new POSIX thread (the dispatcher blocks in `poll`, so it must not occupy a
/// thread of Swift's cooperative pool).
private func startThread(_ body: @escaping () -> Void) {
    final class Box { let body: () -> Void; init(_ body: @escaping () -> Void) { self.body = body } }
    let box = Unmanaged.passRetained(Box(body)).toOpaque()
    var thread = pthread_t()
    let status = pthread_create(&thread, nil, { raw in
        let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
        box.body()
        return nil
    }, box)
    precondition(status == 0, "pthread_create failed: \(status)")
    pthread_detach(thread)
}
