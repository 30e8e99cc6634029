import Synchronization
import TextmillConfig
import TextmillDocuments
import TextmillPipeline
import TextmillPool
import TextmillProcessing
import TextmillRun

/// Worker pools kept warm between jobs: a job whose pipeline, fields, task, worker count and
/// chunk timeout match an idle pool's gets that pool instead of starting processes and loading
/// models again. Jobs that run at the same time with the same pipeline share one pool (the
/// pool takes chunks from any number of callers). At most `keepIdle` unused pools stay; the
/// least recently used beyond that, and any pool that failed, are shut down.
public final class WarmPools: BackendProvider {
    private struct Entry {
        let key: [UInt8]
        let backend: ProcessingBackend
        var users: Int
        var lastUsed: UInt64
    }

    private struct State {
        var entries: [Entry] = []
        var tick: UInt64 = 0
        var started = 0
        var closed = false
    }

    private let state = Mutex(State())
    private let keepIdle: Int
    private let niceness: Int
    private let log: @Sendable (String) -> Void

    /// `niceness` lowers the job workers' CPU priority, so the server's message workers win the
    /// CPU when both want it; `log` hears when a pool starts.
    public init(keepIdle: Int = 2, niceness: Int = 10, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.keepIdle = keepIdle
        self.niceness = niceness
        self.log = log
    }

    /// Pools started since the server began (a test can see a second job reuse the first's).
    public var poolsStarted: Int { state.withLock { $0.started } }

    public func acquire(
        config: PipelineConfig, fields: InputFields, workers: Int, isolate: Bool, task: WorkerTask, chunkTimeout: Duration
    ) throws(ProcessingSetupError) -> ProcessingBackend {
        // In-process processing (one worker, not isolated) has nothing worth keeping warm.
        if workers <= 1 && !isolate {
            return try ProcessingBackend.make(config: config, fields: fields, workers: workers, isolate: isolate, task: task, chunkTimeout: chunkTimeout)
        }
        var key = WorkerSpec(task: task, config: config, fields: fields).encoded
        key += Array("|\(workers)|\(chunkTimeout.components.seconds)|\(chunkTimeout.components.attoseconds)".utf8)
        let found: ProcessingBackend? = state.withLock { state in
            state.entries.removeAll { entry in
                guard entry.users == 0, entry.backend.pool?.failure != nil else { return false }
                entry.backend.shutdown()
                return true
            }
            guard let i = state.entries.firstIndex(where: { $0.key == key && $0.backend.pool?.failure == nil }) else { return nil }
            state.tick += 1
            state.entries[i].users += 1
            state.entries[i].lastUsed = state.tick
            return state.entries[i].backend
        }
        if let found { return found }
        log("starting a job pool: \(workers) worker\(workers == 1 ? "" : "s") for pipeline \(config.name) \(config.fingerprint)")
        let backend = try ProcessingBackend.make(
            config: config, fields: fields, workers: workers, isolate: isolate, task: task, chunkTimeout: chunkTimeout, niceness: niceness)
        let keep = state.withLock { state in
            guard !state.closed else { return false }
            state.tick += 1
            state.started += 1
            state.entries.append(Entry(key: key, backend: backend, users: 1, lastUsed: state.tick))
            return true
        }
        if !keep {
            backend.shutdown()
            throw ProcessingSetupError("the server is shutting down")
        }
        return backend
    }

    public func release(_ backend: ProcessingBackend) {
        guard let pool = backend.pool else { return backend.shutdown() }
        let retired: [ProcessingBackend] = state.withLock { state in
            if let i = state.entries.firstIndex(where: { $0.backend.pool === pool }) {
                state.entries[i].users -= 1
            }
            var retired: [ProcessingBackend] = []
            let closed = state.closed
            state.entries.removeAll { entry in
                guard entry.users == 0, entry.backend.pool?.failure != nil || closed else { return false }
                retired.append(entry.backend)
                return true
            }
            let idle = state.entries.filter { $0.users == 0 }.sorted { $0.lastUsed < $1.lastUsed }
            for entry in idle.dropLast(keepIdle) {
                state.entries.removeAll { $0.backend.pool === entry.backend.pool }
                retired.append(entry.backend)
            }
            return retired
        }
        for backend in retired { backend.shutdown() }
    }

    /// Stops every idle pool; pools in use stop when their job releases them.
    public func shutdown() {
        let idle: [ProcessingBackend] = state.withLock { state in
            state.closed = true
            let idle = state.entries.filter { $0.users == 0 }.map(\.backend)
            state.entries.removeAll { $0.users == 0 }
            return idle
        }
        for backend in idle { backend.shutdown() }
    }
}
