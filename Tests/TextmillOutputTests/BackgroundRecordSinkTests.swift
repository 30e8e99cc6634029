import Synchronization
import Testing
import TextmillDocuments
import TextmillOutput

#if canImport(Glibc)
import Glibc
#endif

@Suite struct BackgroundRecordSinkTests {
    /// Keeps what it is given, optionally waiting at a gate before each write or failing one.
    final class RecordingSink: RecordSink, @unchecked Sendable {
        let state = Mutex<(chunks: [Int], bytes: Int, finished: Bool, suspended: Bool, abandoned: Bool)>(([], 0, false, false, false))
        let gate = Mutex<Int>(Int.max)
        let failAt: Int?

        init(failAt: Int? = nil, gateOpenFor writes: Int = .max) {
            self.failAt = failAt
            gate.withLock { $0 = writes }
        }

        func write(_ result: ChunkResult) throws(OutputError) {
            while gate.withLock({ $0 }) <= state.withLock({ $0.chunks.count }) { usleep(1000) }
            if result.index == failAt { throw OutputError("test", "chunk \(result.index) refused") }
            state.withLock {
                $0.chunks.append(result.index)
                $0.bytes += result.records.count
            }
        }
        func suspend() { state.withLock { $0.suspended = true } }
        func finish() throws(OutputError) { state.withLock { $0.finished = true } }
        func abandon() { state.withLock { $0.abandoned = true } }
        var bytesWritten: Int { state.withLock { $0.bytes } }
        var chunks: [Int] { state.withLock { $0.chunks } }
    }

    func chunk(_ index: Int, bytes: Int = 10) -> ChunkResult {
        ChunkResult(index: index, records: Array(repeating: UInt8(ascii: "x"), count: bytes - 1) + [0x0A], documentsOK: 1, failures: [])
    }

    @Test func writesEveryChunkInOrderBeforeFinishReturns() throws {
        let inner = RecordingSink()
        let sink = BackgroundRecordSink(inner, maxQueuedBytes: 100)
        for i in 0..<500 { try sink.write(chunk(i, bytes: 7 + i % 13)) }
        try sink.finish()
        #expect(inner.chunks == Array(0..<500))
        #expect(inner.state.withLock { $0.finished && !$0.suspended && !$0.abandoned })
        #expect(sink.bytesWritten == (0..<500).reduce(0) { $0 + 7 + $1 % 13 })
        #expect(sink.bytesWritten == inner.bytesWritten)
    }

    @Test func aFailedWriteIsThrownLaterAndNothingAfterItIsWritten() throws {
        let inner = RecordingSink(failAt: 3)
        let sink = BackgroundRecordSink(inner)
        var thrown: OutputError?
        for i in 0..<200 {
            do { try sink.write(chunk(i)) } catch {
                thrown = error
                break
            }
            usleep(200)
        }
        if thrown == nil {
            // Every write was queued before the writer reached chunk 3: finish reports it.
            #expect(throws: OutputError.self) { try sink.finish() }
        } else {
            #expect(thrown?.description.contains("chunk 3 refused") == true)
            sink.suspend()
        }
        #expect(inner.chunks == [0, 1, 2])
        // The destination keeps chunks 0-2 for --resume; it is never marked finished.
        #expect(inner.state.withLock { $0.suspended && !$0.finished })
    }

    @Test func aFailureFoundByFinishSuspendsInsteadOfFinishing() throws {
        let inner = RecordingSink(failAt: 1, gateOpenFor: 0)
        let sink = BackgroundRecordSink(inner)
        for i in 0..<3 { try sink.write(chunk(i)) }
        inner.gate.withLock { $0 = .max }
        #expect(throws: OutputError.self) { try sink.finish() }
        #expect(inner.chunks == [0])
        #expect(inner.state.withLock { $0.suspended && !$0.finished })
    }

    @Test func writeWaitsWhileTheQueueHoldsItsBoundOfBytes() throws {
        let inner = RecordingSink(gateOpenFor: 0)
        let sink = BackgroundRecordSink(inner, maxQueuedBytes: 100)
        try sink.write(chunk(0, bytes: 60))  // taken by the writer, which waits at the gate
        while sink.queuedChunks > 0 { usleep(1000) }
        try sink.write(chunk(1, bytes: 60))  // queued: 60 bytes
        let returned = Flag()
        let third = chunk(2, bytes: 60)
        let producer = Thread { [sink] in
            try? sink.write(third)  // 120 > 100: waits for room
            returned.value.store(true, ordering: .releasing)
        }
        usleep(100_000)
        let returnedEarly = returned.value.load(ordering: .acquiring)
        #expect(!returnedEarly)
        #expect(sink.queuedChunks == 1)
        inner.gate.withLock { $0 = .max }
        producer.join()
        let returnedLater = returned.value.load(ordering: .acquiring)
        #expect(returnedLater)
        try sink.finish()
        #expect(inner.chunks == [0, 1, 2])
    }

    @Test func aChunkLargerThanTheBoundStillGoesThrough() throws {
        let inner = RecordingSink()
        let sink = BackgroundRecordSink(inner, maxQueuedBytes: 10)
        try sink.write(chunk(0, bytes: 1000))
        try sink.write(chunk(1, bytes: 1000))
        try sink.finish()
        #expect(inner.chunks == [0, 1])
        #expect(sink.bytesWritten == 2000)
    }

    @Test func abandonDropsQueuedChunksAndAbandonsTheDestination() throws {
        let inner = RecordingSink(gateOpenFor: 1)
        let sink = BackgroundRecordSink(inner)
        for i in 0..<5 { try sink.write(chunk(i)) }
        while inner.chunks.isEmpty { usleep(1000) }
        let opener = Thread { [inner] in
            usleep(50_000)
            inner.gate.withLock { $0 = .max }
        }
        sink.abandon()
        opener.join()
        // Chunk 1 may have been taken before abandon; nothing queued after it is written.
        #expect(inner.chunks.count <= 2)
        #expect(inner.chunks == Array(0..<inner.chunks.count))
        #expect(inner.state.withLock { $0.abandoned && !$0.finished })
    }

    final class Flag: Sendable { let value = Atomic<Bool>(false) }

    /// A joinable POSIX thread for the tests above.
    final class Thread: @unchecked Sendable {
        private var thread = pthread_t()
        init(_ body: @escaping @Sendable () -> Void) {
            final class Box { let body: @Sendable () -> Void; init(_ body: @escaping @Sendable () -> Void) { self.body = body } }
            let box = Unmanaged.passRetained(Box(body)).toOpaque()
            pthread_create(&thread, nil, { raw in
                Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue().body()
                return nil
            }, box)
        }
        func join() { pthread_join(thread, nil) }
    }
}
