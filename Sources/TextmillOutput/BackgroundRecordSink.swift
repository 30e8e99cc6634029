#if canImport(Glibc)
import Glibc
#endif
import TextmillDocuments

/// Writes another sink's chunks on a thread of its own, in order, so that the pool's dispatcher
/// goes on reading workers' results and sending them new chunks while a slow destination works.
///
/// A database sink spends as much CPU on its inserts and commits as a worker on its chunks;
/// written from the dispatcher thread, every insert held up the dispatcher, and the workers
/// idled waiting for it (`make bench`, "Database sinks"). The queue is bounded by record bytes
/// (always at least one chunk), so the coordinator's memory stays bounded: a full queue makes
/// `write` wait, as a slow destination always did. A write that fails is reported by the next
/// `write`, or by `finish`, and nothing after it is written: the destination keeps what it
/// kept before, as when it failed on the caller's thread.
///
/// `@unchecked Sendable`: the queue and counters are guarded by `lock`; the wrapped sink is used
/// by the writer thread only, and by the caller again only after the queue has drained (the
/// lock orders the two).
public final class BackgroundRecordSink: RecordSink, @unchecked Sendable {
    /// Call one of `finish`, `suspend` or `abandon`: the writer thread keeps the sink alive until then.
    /// The sink that writes; use it directly (its counters, its own API) only after `suspend`,
    /// `finish` or `abandon` returned.
    public let inner: any RecordSink
    /// Record bytes queued (not yet taken by the writer) beyond which `write` waits.
    public let maxQueuedBytes: Int

    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var thread: pthread_t?
    // Guarded by `lock`:
    private var queue: [ChunkResult] = []
    private var queuedBytes = 0
    private var writing = false
    private var stopping = false
    private var failure: OutputError?
    private var written: Int

    public init(_ inner: any RecordSink, maxQueuedBytes: Int = 8 << 20) {
        self.inner = inner
        self.maxQueuedBytes = maxQueuedBytes
        written = inner.bytesWritten
        pthread_mutex_init(lock, nil)
        pthread_cond_init(changed, nil)
        let box = Unmanaged.passRetained(self).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(&thread, nil, { raw in
            let sink = Unmanaged<BackgroundRecordSink>.fromOpaque(raw!).takeRetainedValue()
            sink.writeLoop()
            return nil
        }, box)
        precondition(status == 0, "pthread_create failed: \(status)")
        self.thread = thread
    }

    deinit {
        pthread_cond_destroy(changed)
        pthread_mutex_destroy(lock)
        changed.deallocate()
        lock.deallocate()
    }

    /// Chunks waiting for the writer, the one being written not counted (for tests).
    public var queuedChunks: Int { locked { queue.count } }

    public var bytesWritten: Int { locked { written } }

    /// Queues the chunk, waiting while the queue is full; throws the error of an earlier write.
    public func write(_ result: ChunkResult) throws(OutputError) {
        let size = result.records.count
        let refusal: OutputError? = locked {
            precondition(!stopping, "write after suspend, finish or abandon")
            while failure == nil && queuedBytes > 0 && queuedBytes + size > maxQueuedBytes {
                pthread_cond_wait(changed, lock)
            }
            if let failure { return failure }
            queue.append(result)
            queuedBytes += size
            pthread_cond_broadcast(changed)
            return nil
        }
        if let refusal { throw refusal }
    }

    /// Writes what is queued, then lets the wrapped sink keep it for `--resume`.
    public func suspend() {
        _ = drain()
        stop()
        inner.suspend()
    }

    /// Writes what is queued and finishes the wrapped sink; if a queued write failed, suspends
    /// it instead (keeping what it wrote) and throws that error.
    public func finish() throws(OutputError) {
        let failure = drain()
        stop()
        if let failure {
            inner.suspend()
            throw failure
        }
        try inner.finish()
    }

    /// Drops what is queued (the chunk being written ends first) and abandons the wrapped sink.
    public func abandon() {
        locked {
            queue.removeAll()
            queuedBytes = 0
            pthread_cond_broadcast(changed)
        }
        stop()
        inner.abandon()
    }

    /// Waits until the writer has taken and written every queued chunk (or one failed).
    private func drain() -> OutputError? {
        locked {
            while !queue.isEmpty || writing { pthread_cond_wait(changed, lock) }
            return failure
        }
    }

    /// Ends the writer thread once the queue is empty, and waits for it.
    private func stop() {
        guard let thread else { return }
        locked {
            stopping = true
            pthread_cond_broadcast(changed)
        }
        pthread_join(thread, nil)
        self.thread = nil
    }

    private func writeLoop() {
        pthread_mutex_lock(lock)
        while true {
            while queue.isEmpty && !stopping { pthread_cond_wait(changed, lock) }
            if queue.isEmpty { break }
            let result = queue.removeFirst()
            queuedBytes -= result.records.count
            writing = true
            pthread_cond_broadcast(changed)
            pthread_mutex_unlock(lock)
            var error: OutputError?
            do { try inner.write(result) } catch let thrown { error = thrown }
            let total = inner.bytesWritten
            pthread_mutex_lock(lock)
            writing = false
            written = total
            if let error {
                // Nothing after a failed chunk may be written: the destination would have a gap.
                failure = error
                queue.removeAll()
                queuedBytes = 0
            }
            pthread_cond_broadcast(changed)
        }
        pthread_mutex_unlock(lock)
    }

    private func locked<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        return body()
    }
}
