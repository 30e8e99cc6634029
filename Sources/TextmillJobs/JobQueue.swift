import Dispatch
import Synchronization
import TextmillJSON
import TextmillRun

#if canImport(Glibc)
import Glibc
#endif

/// The server's jobs: accepted into the SQLite store, run `maxJobs` at a time (highest
/// priority first, then in submission order) on warm worker pools, retried after transient
/// failures, and continued from their partial output after a restart.
///
/// Every state change is written to the store before the caller acknowledges it. Progress
/// lives in memory (what `job.status` reads) and is written with the next state change.
public final class JobQueue: Sendable {
    public struct Configuration: Sendable {
        /// Jobs running at once.
        public var maxJobs = 1
        /// Extra attempts after a transient failure (worker pool unstable, disk full).
        public var retries = 2
        /// The first retry waits this long; each next one twice as long (at most a minute).
        public var backoffSeconds = 1.0
        /// The textmill version written into outputs' metadata.
        public var version = ""
        public var paths: JobPathPolicy
        /// Jobs run on worker processes even with one worker: a document that crashes its worker
        /// cannot take the server down, and no job work runs on the server's own threads.
        public var isolateJobs = true
        /// Writes a line to the server's log (stderr).
        public var log: @Sendable (String) -> Void = { _ in }

        public init(paths: JobPathPolicy) { self.paths = paths }
    }

    private struct State: ~Copyable {
        var store: JobStore
        var jobs: [String: JobRecord] = [:]
        var running: [String: JobControl] = [:]
        var endWaiters: [String: [@Sendable (JobRecord) -> Void]] = [:]
        var started = false
        var stopping = false
        var retryTimerAt: Double?
    }

    public let configuration: Configuration
    public let pools: WarmPools
    private let state: Mutex<State>

    /// Opens (or creates) the store in `stateDirectory`. Jobs the last server left running are
    /// marked interrupted; `start()` runs them again.
    public init(stateDirectory: String, configuration: Configuration, pools: WarmPools = WarmPools()) throws(RunFailure) {
        self.configuration = configuration
        self.pools = pools
        let store = try JobStore(directory: stateDirectory)
        var jobs: [String: JobRecord] = [:]
        for var job in try store.all() {
            if job.state == .running {
                job.state = .interrupted
                try store.update(job)
            }
            jobs[job.id] = job
        }
        state = Mutex(State(store: store, jobs: jobs))
    }

    /// Starts running jobs (until then, submitted jobs wait): the queued ones and those the last server left interrupted.
    public func start() {
        state.withLock { $0.started = true }
        pump()
    }

    // MARK: methods

    /// Checks and stores a new job; it is queued when this returns.
    public func submit(_ params: JSONValue?) throws(RunFailure) -> JobRecord {
        let submission = try JobSubmission(params, paths: configuration.paths)
        let id = Self.newID()
        let stored = submission.storedParams.jsonText
        let now = JobClock.now()
        let outputs = submission.params.request.writtenPaths
        let job = try state.withLock { (state) throws(RunFailure) -> JobRecord in
            if state.stopping { throw RunFailure("the server is shutting down; submit again after it restarts", kind: .transient) }
            for other in state.jobs.values where !other.state.isFinal {
                let theirs = (try? JobParams(JSONValue.parse(other.params)))?.request.writtenPaths ?? []
                if let clash = outputs.first(where: theirs.contains) {
                    throw RunFailure("job \(other.id) (\(other.state.rawValue)) already writes \(clash)")
                }
            }
            let sequence = try state.store.insert(id: id, priority: submission.params.priority, params: stored, submittedAt: now)
            let job = JobRecord(id: id, sequence: sequence, priority: submission.params.priority, state: .queued, params: stored, submittedAt: now)
            state.jobs[id] = job
            return job
        }
        configuration.log("job \(id) queued (priority \(job.priority))")
        pump()
        return job
    }

    public func status(_ id: String) -> JobRecord? { state.withLock { $0.jobs[id] } }

    /// Jobs in submission order, optionally only those in `states`.
    public func list(states: Set<JobState>? = nil) -> [JobRecord] {
        state.withLock { state in
            state.jobs.values.filter { states?.contains($0.state) ?? true }.sorted { $0.sequence < $1.sequence }
        }
    }

    /// A queued job is cancelled at once; a running one stops reading, finishes its chunks in
    /// flight and keeps a resumable partial (it is cancelled when that is done). Nil: no such job.
    public func cancel(_ id: String) throws(RunFailure) -> JobRecord? {
        var ended: JobRecord?
        let result = try state.withLock { (state) throws(RunFailure) -> JobRecord? in
            guard var job = state.jobs[id] else { return nil }
            switch job.state {
            case .queued, .interrupted:
                job.state = .cancelled
                job.finishedAt = JobClock.now()
                try state.store.update(job)
                state.jobs[id] = job
                ended = job
            case .running:
                job.cancelRequested = true
                try state.store.update(job)
                state.jobs[id] = job
                state.running[id]?.stop(.cancel)
            default: break
            }
            return job
        }
        if let ended { notifyEnded(ended) }
        return result
    }

    /// Calls `body` once the job has ended (at once if it has); false when there is no such job.
    @discardableResult
    public func whenEnded(_ id: String, _ body: @escaping @Sendable (JobRecord) -> Void) -> Bool {
        let now: JobRecord? = state.withLock { state in
            guard let job = state.jobs[id] else { return nil }
            if job.state.isFinal { return job }
            state.endWaiters[id, default: []].append(body)
            return nil
        }
        guard let now else { return status(id) != nil }
        body(now)
        return true
    }

    /// Stops every running job, leaving each interrupted with a resumable partial (the next
    /// server continues it), waits up to `timeout` seconds for them, and stops the pools.
    public func shutdown(timeout: Double = 30) {
        state.withLock { state in
            state.stopping = true
            for control in state.running.values { control.stop(.shutdown) }
        }
        let deadline = JobClock.now() + timeout
        while state.withLock({ !$0.running.isEmpty }) && JobClock.now() < deadline { usleep(20_000) }
        pools.shutdown()
    }

    // MARK: running

    func record(progress: RunProgress, of id: String) {
        state.withLock { state in state.jobs[id]?.progress = progress }
    }

    func log(_ message: String) { configuration.log(message) }

    /// Starts queued jobs while fewer than `maxJobs` run.
    private func pump() {
        let now = JobClock.now()
        var launches: [(JobRecord, JobControl)] = []
        var wakeAt: Double?
        state.withLock { state in
            guard state.started && !state.stopping else { return }
            while state.running.count < configuration.maxJobs {
                let waiting = state.jobs.values.filter { $0.state == .queued || $0.state == .interrupted }
                let ready = waiting.filter { $0.notBefore <= now }
                if let later = waiting.filter({ $0.notBefore > now }).map(\.notBefore).min() { wakeAt = later }
                guard var job = ready.max(by: { ($0.priority, -$0.sequence) < ($1.priority, -$1.sequence) }) else { break }
                job.state = .running
                job.attempts += 1
                if job.startedAt == nil { job.startedAt = now }
                job.attemptStartedAt = now
                job.finishedAt = nil
                do {
                    try state.store.update(job)
                } catch {
                    configuration.log("job \(job.id): cannot record its start (\(error)); it stays queued")
                    break
                }
                let control = JobControl()
                state.jobs[job.id] = job
                state.running[job.id] = control
                launches.append((job, control))
            }
            if let wake = wakeAt, state.retryTimerAt.map({ $0 > wake || $0 < now }) ?? true {
                state.retryTimerAt = wake
            } else {
                wakeAt = nil
            }
        }
        if let wakeAt {
            DispatchQueue.global().asyncAfter(deadline: .now() + max(0.01, wakeAt - now)) { [self] in pump() }
        }
        for (job, control) in launches {
            configuration.log("job \(job.id) running (attempt \(job.attempts))")
            Task.detached { [self] in
                let result = await execute(job, control)
                finished(job.id, control, result)
            }
        }
    }

    /// One attempt at a job: its stored params, continued from its partial output when an
    /// earlier attempt left one.
    private func execute(_ job: JobRecord, _ control: JobControl) async -> Result<RunOutcome, RunFailure> {
        do throws(RunFailure) {
            let parsed: JSONValue
            do { parsed = try JSONValue.parse(job.params) } catch { throw RunFailure("the stored params do not parse: \(error)") }
            var request = try JobParams(parsed).request
            if job.attempts > 1 && !request.resume { request.resume = Self.canContinue(request) }
            if configuration.isolateJobs { request.isolate = true }
            let config = try request.pipeline.load()
            let observer = JobObserver(queue: self, id: job.id, control: control)
            let execution = RunExecution(request: request, version: configuration.version, backends: pools)
            return .success(try await execution.run(config: config, observer: observer))
        } catch {
            return .failure(error)
        }
    }

    /// Whether an earlier attempt left something `resume` can continue.
    static func canContinue(_ request: RunRequest) -> Bool {
        guard request.isResumable else { return false }
        if request.shards.format != nil, let directory = request.outputDir { return JobSubmission.holdsFiles(directory) }
        if (try? request.databaseDestination()) != nil { return true }
        guard let output = request.output else { return false }
        return JobSubmission.exists(output + ".resume.json") && JobSubmission.exists(output + ".partial")
    }

    private func finished(_ id: String, _ control: JobControl, _ result: Result<RunOutcome, RunFailure>) {
        let now = JobClock.now()
        let ended: JobRecord? = state.withLock { state in
            state.running[id] = nil
            guard var job = state.jobs[id] else { return nil }
            job.finishedAt = now
            let request = (try? JobParams(JSONValue.parse(job.params)))?.request
            switch result {
            case .success(.finished(let report)):
                job.state = .succeeded
                job.error = nil
                job.outputs = request?.writtenPaths ?? [report.summary.output]
            case .success(.alreadyComplete(let documents, let failed)):
                job.state = .succeeded
                job.progress.resumedAfter = documents
                job.progress.failed = failed
                job.outputs = request?.writtenPaths ?? []
            case .success(.stopped(let report)):
                job.outputs = report.keptIn.map { [$0] } ?? []
                if control.reason == .cancel {
                    job.state = .cancelled
                } else {
                    job.state = .interrupted
                    job.finishedAt = nil
                }
            case .failure(let failure):
                let retry = failure.kind == .transient && job.attempts <= configuration.retries && control.reason == .none
                    && !state.stopping
                if retry {
                    let wait = min(60, configuration.backoffSeconds * Double(1 << min(job.attempts - 1, 6)))
                    job.state = .queued
                    job.notBefore = now + wait
                    job.finishedAt = nil
                    job.error = "attempt \(job.attempts) failed: \(failure.message); retrying in \(wait) s"
                } else if control.reason == .cancel {
                    job.state = .cancelled
                    job.error = failure.message
                } else if control.reason == .shutdown && failure.kind == .transient {
                    job.state = .interrupted
                    job.finishedAt = nil
                    job.error = failure.message
                } else {
                    job.state = .failed
                    job.error = failure.message
                }
            }
            do { try state.store.update(job) } catch { configuration.log("job \(id): cannot record its end: \(error)") }
            state.jobs[id] = job
            return job
        }
        if let ended {
            configuration.log("job \(id) \(ended.state.rawValue)" + (ended.error.map { ": \($0)" } ?? ""))
            if ended.state.isFinal { notifyEnded(ended) }
        }
        pump()
    }

    private func notifyEnded(_ job: JobRecord) {
        let waiters = state.withLock { $0.endWaiters.removeValue(forKey: job.id) ?? [] }
        for waiter in waiters { waiter(job) }
    }

    private static func newID() -> String {
        var generator = SystemRandomNumberGenerator()
        let value = generator.next() as UInt64
        let hex = String(value, radix: 16)
        return "job-" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
