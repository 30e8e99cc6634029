import Synchronization
import Testing
import TextmillJSON
import TextmillServer
import TextmillTestSupport

/// Many requests, many clients, clients that misbehave: every well-formed request gets exactly
/// one correct reply, and the server stays up.
///
/// The time limit is a hang guard, not a speed check: under a fully loaded 2-core machine the
/// non-reading-client test alone took over two minutes.
@Suite(.timeLimit(.minutes(6))) struct LoadTests {
    @Test func tenThousandPipelinedRequestsOnOneConnection() async throws {
        let harness = try await ServerHarness.start()
        let client = harness.client()
        let count = 10_000
        // A writer thread keeps sending while this one reads: with backpressure on, a client that
        // wrote everything before reading would stall (as a real one would).
        let writer = Thread {
            var batch = ""
            for i in 0..<count {
                batch += Reply.process(id: i, text: "Message number \(i) here")
                if batch.utf8.count > 1 << 16 { client.send(batch); batch = "" }
            }
            client.send(batch)
        }
        writer.start()
        var seen = [Bool](repeating: false, count: count)
        var wrong = 0
        for line in client.readLines(count, timeout: 30) {
            let reply = Reply.parse(line)
            guard let id = reply["id"]?.intValue, id >= 0, id < count, !seen[id] else { wrong += 1; continue }
            seen[id] = true
            let tokens = reply["result"]?["tokens"]?.arrayValue?.compactMap(\.stringValue)
            if tokens != ["message", "number", "\(id)", "here"] { wrong += 1 }
        }
        writer.join()
        #expect(wrong == 0)
        #expect(seen.allSatisfy { $0 })
        await harness.stop()
    }

    @Test func fiftyConcurrentClients() async throws {
        let harness = try await ServerHarness.start(preset: "chat")
        let failures = Atomic<Int>(0)
        let threads = (0..<50).map { c in
            Thread {
                let client = harness.client()
                var lines = ""
                for i in 0..<40 { lines += Reply.process(id: i, text: "client \(c) says \(i)!") }
                client.send(lines)
                var seen = Set<Int>()
                for line in client.readLines(40, timeout: 30) {
                    let reply = Reply.parse(line)
                    guard let id = reply["id"]?.intValue else { failures.add(1, ordering: .relaxed); continue }
                    let tokens = reply["result"]?["tokens"]?.arrayValue?.compactMap(\.stringValue)
                    if tokens != ["client", "\(c)", "says", "\(id)", "!"] || !seen.insert(id).inserted {
                        failures.add(1, ordering: .relaxed)
                    }
                }
                if seen.count != 40 { failures.add(1, ordering: .relaxed) }
            }
        }
        threads.forEach { $0.start() }
        threads.forEach { $0.join() }
        #expect(failures.load(ordering: .relaxed) == 0)
        await harness.stop()
    }

    @Test func clientThatDisconnectsMidRequestDoesNotHurtOthers() async throws {
        let harness = try await ServerHarness.start()
        do {
            let leaving = harness.client()
            var lines = ""
            for i in 0..<500 { lines += Reply.process(id: i, text: "going away \(i)") }
            leaving.send(lines + #"{"jsonrpc":"2.0","id":1,"method":"process","params":{"text":"half a li"#)
        }  // closed here, with requests in flight and half a line sent
        let client = harness.client()
        client.send(Reply.process(id: 7, text: "still here"))
        #expect(Reply.parse(client.readLine())["result"]?["tokens"] == .array([.string("still"), .string("here")]))
        await harness.stop()
    }

    @Test func backpressureBoundsInFlightRequests() async throws {
        let gate = GatedProcessor()
        let harness = try await ServerHarness.start(processor: gate) { $0.maxInFlightPerConnection = 4 }
        let client = harness.client()
        var lines = ""
        for i in 0..<50 { lines += Reply.process(id: i, text: "x\(i)") }
        client.send(lines)
        // With the processor held, the server must not take more than 4 requests off this connection.
        let observer = harness.client()
        var inFlight: Int?
        for _ in 0..<50 where inFlight != 4 {  // until the server has read what it will read (≤ 5 s)
            try await Task.sleep(for: .milliseconds(100))
            observer.send(#"{"jsonrpc":"2.0","id":"s","method":"stats"}"# + "\n")
            inFlight = Reply.parse(observer.readLine())["result"]?["in_flight"]?.intValue
        }
        #expect(inFlight == 4)
        // It stays at 4: the other 46 requests wait in the socket, not in the server.
        try await Task.sleep(for: .milliseconds(200))
        observer.send(#"{"jsonrpc":"2.0","id":"s","method":"stats"}"# + "\n")
        let stats = Reply.parse(observer.readLine())["result"]
        #expect(stats?["in_flight"]?.intValue == 4)
        gate.open()
        let replies = client.readLines(50, timeout: 20)
        #expect(Set(replies.compactMap { Reply.parse($0)["id"]?.intValue }) == Set(0..<50))
        await harness.stop()
    }

    @Test func aClientThatDoesNotReadRepliesIsStoppedNotBuffered() async throws {
        let harness = try await ServerHarness.start {
            $0.maxInFlightPerConnection = 8
            $0.drainTimeoutSeconds = 0.3
        }
        let client = harness.client()
        // Write requests without reading a single reply until the socket refuses more.
        let request = Array(Reply.process(id: 1, text: "a short message that gets a longer record back").utf8)
        var chunk: [UInt8] = []
        for _ in 0..<1000 { chunk += request }
        var sent = 0
        var pending = chunk[...]
        var stalls = 0
        while sent < 200 << 20 && stalls < 50 {
            let n = client.sendNow(Array(pending))
            if n == 0 {
                stalls += 1
                try await Task.sleep(for: .milliseconds(10))
                continue
            }
            stalls = 0
            sent += n
            pending = pending.dropFirst(n)
            if pending.isEmpty { pending = chunk[...] }
        }
        // The server stopped reading long before 200 MB: the client is blocked, not buffered for.
        #expect(sent < 200 << 20)
        let observer = harness.client()
        observer.send(#"{"jsonrpc":"2.0","id":"s","method":"stats"}"# + "\n")
        let stats = Reply.parse(observer.readLine())["result"]
        let taken = stats?["requests"]?.intValue ?? 0
        #expect(taken > 0 && taken * request.count < sent)
        #expect((stats?["in_flight"]?.intValue ?? 99) <= 8)
        await harness.stop()
    }

    @Test func drainAnswersEverythingAlreadyReceived() async throws {
        let gate = GatedProcessor()
        let harness = try await ServerHarness.start(processor: gate)
        let client = harness.client()
        for i in 0..<20 { client.send(Reply.process(id: i, text: "t\(i)")) }
        try await Task.sleep(for: .milliseconds(100))
        let drained = Task { await harness.server.drain() }
        var accepting = true
        for _ in 0..<250 where accepting {  // no longer accepting, soon (up to 5 s on a loaded machine)
            try await Task.sleep(for: .milliseconds(20))
            accepting = LineClient("unix:" + harness.socketPath) != nil
        }
        #expect(!accepting)
        gate.open()
        await drained.value
        #expect(client.readLines(20).count == 20)
        #expect(client.isClosedByPeer())
        await harness.server.shutdown()
    }
}
