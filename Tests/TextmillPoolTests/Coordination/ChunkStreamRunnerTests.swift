#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import Testing
import TextmillDocuments
@testable import TextmillPool

/// Order, bounds and stopping of the coordinator's chunk loop, with a processor whose chunks
/// finish out of order.
@Suite struct ChunkStreamRunnerTests {
    /// Finishes chunk i after a delay that makes later chunks overtake earlier ones.
    final class ShuffledProcessor: ChunkProcessing {
        let inFlight = Mutex((now: 0, peak: 0))

        func process(_ chunk: DocumentChunk) async throws -> ChunkResult {
            inFlight.withLock { $0.now += 1; $0.peak = max($0.peak, $0.now) }
            try await Task.sleep(for: .milliseconds([9, 1, 5, 2, 7][chunk.index % 5]))
            inFlight.withLock { $0.now -= 1 }
            return ChunkResult(index: chunk.index, records: Array("\(chunk.index)\n".utf8), documentsOK: 1, failures: [])
        }
    }

    static func chunks(_ count: Int) -> () -> DocumentChunk? {
        var next = 0
        return {
            guard next < count else { return nil }
            defer { next += 1 }
            return DocumentChunk(index: next, documents: [
                InputDocument(locator: DocumentLocator(source: "-", line: next + 1), payload: .jsonLine([])),
            ])
        }
    }

    @Test func deliversInInputOrderWithinTheBound() async throws {
        let processor = ShuffledProcessor()
        var delivered: [Int] = []
        var outstandingPeak = 0
        var submitted = 0
        let source = Self.chunks(40)
        try await ChunkStreamRunner(processor: processor, maxOutstanding: 4).run(
            next: {
                let chunk = source()
                if chunk != nil { submitted += 1 }
                outstandingPeak = max(outstandingPeak, submitted - delivered.count)
                return chunk
            },
            deliver: { delivered.append($0.index) })
        #expect(delivered == Array(0..<40))
        #expect(outstandingPeak <= 4)
        #expect(processor.inFlight.withLock { $0.peak } > 1)
    }

    @Test func unorderedDeliversEveryChunkOnce() async throws {
        var delivered: [Int] = []
        try await ChunkStreamRunner(processor: ShuffledProcessor(), maxOutstanding: 5, ordered: false).run(
            next: Self.chunks(30), deliver: { delivered.append($0.index) })
        #expect(delivered.sorted() == Array(0..<30))
        #expect(delivered != Array(0..<30))
    }

    /// With one outstanding chunk (in process) and several: no chunk is read once stopped.
    @Test(arguments: [1, 3]) func stoppingFinishesOutstandingChunksAndDeliversAContiguousPrefix(maxOutstanding: Int) async throws {
        var delivered: [Int] = []
        var reads = 0
        let source = Self.chunks(100)
        try await ChunkStreamRunner(processor: ShuffledProcessor(), maxOutstanding: maxOutstanding).run(
            next: { reads += 1; return source() },
            shouldStop: { reads >= 10 },
            deliver: { delivered.append($0.index) })
        #expect(delivered == Array(0..<10))
        #expect(reads == 10)
    }

    /// One outstanding (in process, the chunk processed in the caller's task) and more (a task per chunk).
    @Test(arguments: [1, 2]) func processorErrorsEndTheRun(maxOutstanding: Int) async {
        struct Broken: ChunkProcessing {
            func process(_ chunk: DocumentChunk) async throws -> ChunkResult { throw WorkerPoolError.shutDown }
        }
        await #expect(throws: WorkerPoolError.self) {
            try await ChunkStreamRunner(processor: Broken(), maxOutstanding: maxOutstanding).run(next: Self.chunks(5), deliver: { _ in })
        }
    }

    /// Records the thread of each call, and the chunks read before each one was processed.
    final class ThreadRecordingProcessor: ChunkProcessing {
        let calls = Mutex<[(thread: pthread_t, index: Int)]>([])

        func process(_ chunk: DocumentChunk) async throws -> ChunkResult {
            calls.withLock { $0.append((pthread_self(), chunk.index)) }
            return ChunkResult(index: chunk.index, records: Array("\(chunk.index)\n".utf8), documentsOK: 1, failures: [])
        }
    }

    @Test func oneOutstandingReadsProcessesAndDeliversEachChunkInTurnOnTheCallersThread() async throws {
        let processor = ThreadRecordingProcessor()
        var events: [String] = []
        var deliveringThreads: [pthread_t] = []
        let source = Self.chunks(20)
        try await ChunkStreamRunner(processor: processor, maxOutstanding: 1).run(
            next: {
                let chunk = source()
                if let chunk { events.append("read \(chunk.index)") }
                return chunk
            },
            deliver: {
                events.append("deliver \($0.index)")
                deliveringThreads.append(pthread_self())
            })
        #expect(events == (0..<20).flatMap { ["read \($0)", "deliver \($0)"] })
        let calls = processor.calls.withLock { $0 }
        #expect(calls.map(\.index) == Array(0..<20))
        // No task per chunk: each chunk is processed on the thread that read and delivers it.
        #expect(zip(calls, deliveringThreads).allSatisfy { pthread_equal($0.thread, $1) != 0 })
    }
}
