import Testing
import TextmillJSON
import TextmillJobs
import TextmillRun
import TextmillTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// The job queue in this process (one in-process worker per job, so no worker binary is needed):
/// order, persistence, cancellation, validation, and outputs equal to a direct run.
@Suite struct JobQueueTests {
    private let directory = TextmillBinary.temporaryDirectory()

    private func queue(maxJobs: Int = 1) throws -> JobQueue {
        var configuration = JobQueue.Configuration(paths: try JobPathPolicy(inputRoot: nil, outputRoot: nil))
        configuration.maxJobs = maxJobs
        configuration.version = "test"
        configuration.isolateJobs = false  // the test runner cannot be a worker process
        return try JobQueue(stateDirectory: directory + "/state", configuration: configuration)
    }

    private func params(_ output: String, input: String = Fixtures.path("corpora/en.jsonl"), priority: Int = 0, extra: String = "") throws -> JSONValue {
        try JSONValue.parse("""
            {"inputs": ["\(input)"], "output": "\(directory)/\(output)", "workers": 1, "chunk_docs": 16,
             "models": "\(Fixtures.path("models"))", "priority": \(priority)\(extra)}
            """)
    }

    /// Polls with `Task.sleep`, not `usleep`: the jobs run on the same concurrency pool, which a
    /// blocked thread would starve when every suite runs at once.
    private func waitForEnd(_ queue: JobQueue, _ id: String, timeout: Double = 300) async throws -> JobRecord? {
        var waited = 0.0
        while waited < timeout {
            if let job = queue.status(id), job.state.isFinal { return job }
            try await Task.sleep(for: .milliseconds(20))
            waited += 0.02
        }
        return queue.status(id)
    }

    private func refusal(_ body: () throws -> JobRecord) -> String? {
        do {
            _ = try body()
            return nil
        } catch let error as RunFailure {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test func jobsRunByPriorityThenInOrderAndWriteWhatRunWrites() async throws {
        let jobs = try queue()
        let first = try jobs.submit(try params("a.jsonl"))
        let second = try jobs.submit(try params("b.jsonl"))
        let urgent = try jobs.submit(try params("c.jsonl", priority: 5))
        #expect(jobs.list(states: [.queued]).map(\.id) == [first.id, second.id, urgent.id])
        jobs.start()
        var ended: [JobRecord] = []
        for job in [first, second, urgent] {
            if let end = try await waitForEnd(jobs, job.id) { ended.append(end) }
        }
        try #require(ended.map(\.state) == [.succeeded, .succeeded, .succeeded])
        let started = ended.map { $0.startedAt ?? 0 }
        #expect(started[2] <= started[0] && started[0] <= started[1])
        #expect(ended[0].documents == Fixtures.lines(Fixtures.path("corpora/en.jsonl")).count)

        // The same request run directly: byte for byte the job's output.
        var request = RunRequest()
        request.inputs = [Fixtures.path("corpora/en.jsonl")]
        request.output = directory + "/direct.jsonl"
        request.workers = 1
        request.chunkDocs = 16
        request.pipeline.models = Fixtures.path("models")
        _ = try await RunExecution(request: request, version: "test").run(config: try request.pipeline.load(), observer: SilentObserver())
        #expect(Fixtures.read(directory + "/direct.jsonl") == Fixtures.read(directory + "/a.jsonl"))
        #expect(Fixtures.read(directory + "/direct.jsonl") == Fixtures.read(directory + "/c.jsonl"))
    }

    @Test func theStoreKeepsJobsAcrossRestartsAndLocksItsDirectory() throws {
        var cancelledID = ""
        do {
            let jobs = try queue()
            let job = try jobs.submit(try params("kept.jsonl", priority: 2))
            cancelledID = try #require(try jobs.cancel(job.id)).id
            #expect(jobs.status(job.id)?.state == .cancelled)
            #expect(refusal { try self.queue().status("x") ?? job }?.contains("in use by another textmill serve") == true)
        }
        let reopened = try queue()
        let kept = try #require(reopened.status(cancelledID))
        #expect(kept.state == .cancelled)
        #expect(kept.priority == 2)
        #expect(kept.params.contains("kept.jsonl"))
    }

    @Test func submissionsThatCannotRunAreRefusedAtOnce() throws {
        let jobs = try queue()
        TextmillBinary.write(directory + "/exists.jsonl", Array("x\n".utf8))
        #expect(refusal { try jobs.submit(try params("exists.jsonl")) }?.contains("exists; remove it") == true)
        #expect(refusal { try jobs.submit(try params("p.jsonl", extra: #", "preset": "no-such-preset""#)) }?.contains("no preset named") == true)
        #expect(refusal { try jobs.submit(try params("q.jsonl", input: directory + "/missing.jsonl")) }?.contains("input error") == true)
        #expect(refusal { try jobs.submit(try params("r.jsonl", extra: #", "chunk_docs": 0"#)) } == "--chunk-docs must be at least 1")
        let first = try jobs.submit(try params("same.jsonl"))
        #expect(refusal { try jobs.submit(try params("same.jsonl")) }?.contains("job \(first.id) (queued) already writes") == true)
        #expect(jobs.list().count == 1)
    }
}
