import ArgumentParser
import Synchronization
import TextmillJSON
import TextmillRun
import TextmillServer

#if canImport(Glibc)
import Glibc
#endif

/// `textmill serve-bench` (hidden): the load client behind BENCHMARKS.md's server section.
///
/// Two measurements against a running `textmill serve`: latency of single messages sent at a
/// fixed rate on one connection (each waits for its reply, as a chatbot would), and throughput
/// of clients that pipeline requests as fast as the server answers.
struct ServeBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve-bench", abstract: "Load client for textmill serve (latency and throughput).",
        shouldDisplay: false)

    @Option(help: "The server: unix:PATH or tcp:HOST:PORT.")
    var connect: String

    @Option(help: "Messages per second in the latency run.")
    var rate = 1000

    @Option(help: "Seconds of the latency run (0: skip it).")
    var seconds = 5.0

    @Option(help: "Connections in the throughput run.")
    var clients = 4

    @Option(help: "Messages in the throughput run, over all connections (0: skip it).")
    var messages = 200_000

    mutating func run() throws {
        let address: ListenAddress
        do { address = try ListenAddress(parsing: connect) } catch { throw FatalError("--connect \(error)") }
        if seconds > 0 { try latency(address) }
        if messages > 0 { try throughput(address) }
    }

    static func message(_ i: Int) -> String {
        let samples = ["Hello there, how are you today?", "Wo finde ich den Bahnhof?", "Привет, как дела?",
                       "東京に住んでいます。", "I'd like to book a table for 2 at 7pm 🍝", "ภาษาไทยง่ายนิดเดียว"]
        return samples[i % samples.count] + " #\(i)"
    }

    static func request(_ i: Int) -> [UInt8] {
        var w = JSONWriter()
        w.raw(#"{"jsonrpc":"2.0","id":"#)
        w.int(i)
        w.raw(#","method":"process","params":{"text":"#)
        w.string(message(i))
        w.raw("}}\n")
        return w.bytes
    }

    private func latency(_ address: ListenAddress) throws {
        let connection = try RPCConnection(address)
        let total = Int(Double(rate) * seconds)
        let clock = ContinuousClock()
        let start = clock.now
        let interval = Duration.seconds(1) / rate
        var samples: [Double] = []
        samples.reserveCapacity(total)
        for i in 0..<total {
            let due = start + interval * i
            if clock.now < due { try? blockingSleep(until: due) }
            let sent = clock.now
            try connection.send(Self.request(i))
            _ = try connection.readLine()
            let elapsed = clock.now - sent
            samples.append(Double(elapsed.components.attoseconds) / 1e12 + Double(elapsed.components.seconds) * 1e6)
        }
        let wall = clock.now - start
        samples.sort()
        func pct(_ p: Double) -> String { format(samples[min(samples.count - 1, Int(Double(samples.count) * p))] / 1000) }
        let achieved = Double(total) / (Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18)
        print("latency \(address): \(total) messages at \(rate)/s (achieved \(Int(achieved))/s): "
            + "p50 \(pct(0.5)) ms, p90 \(pct(0.9)) ms, p99 \(pct(0.99)) ms, max \(format(samples.last! / 1000)) ms")
    }

    private func blockingSleep(until deadline: ContinuousClock.Instant) throws {
        let remaining = deadline - ContinuousClock.now
        let micros = remaining.components.seconds * 1_000_000 + remaining.components.attoseconds / 1_000_000_000_000
        if micros > 0 { usleep(UInt32(micros)) }
    }

    private func throughput(_ address: ListenAddress) throws {
        let perClient = messages / clients
        let connections = try (0..<clients).map { _ in try RPCConnection(address) }
        let failures = Atomic<Int>(0)
        let boxed = UncheckedConnections(connections)
        let clock = ContinuousClock()
        let start = clock.now
        // One thread per writer and per reader: a writer blocks while the server applies
        // backpressure, which only a reader running at the same time relieves.
        var threads: [BenchThread] = []
        for c in 0..<clients {
            threads.append(BenchThread {
                var batch: [UInt8] = []
                for i in 0..<perClient {
                    batch += Self.request(i)
                    if batch.count >= 1 << 16 || i == perClient - 1 {
                        if (try? boxed.connections[c].send(batch)) == nil { failures.add(1, ordering: .relaxed); return }
                        batch.removeAll(keepingCapacity: true)
                    }
                }
            })
            threads.append(BenchThread {
                let ok = Array(#","result":"#.utf8)
                for _ in 0..<perClient {
                    guard let line = try? boxed.connections[c].readLine(), line.prefix(40).firstRange(of: ok) != nil else {
                        failures.add(1, ordering: .relaxed)
                        return
                    }
                }
            })
        }
        threads.forEach { $0.join() }
        let wall = clock.now - start
        let secondsTaken = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
        print("throughput \(address): \(perClient * clients) pipelined messages over \(clients) connections in "
            + "\(format(secondsTaken)) s: \(Int(Double(perClient * clients) / secondsTaken)) messages/s"
            + (failures.load(ordering: .relaxed) > 0 ? " (\(failures.load(ordering: .relaxed)) connections failed)" : ""))
    }
}

/// Connections shared by a writer and a reader task each (a socket allows that).
private final class UncheckedConnections: @unchecked Sendable {
    let connections: [RPCConnection]
    init(_ connections: [RPCConnection]) { self.connections = connections }
}
