import ArgumentParser
import Dispatch
import TextmillConfig
import TextmillJobs
import TextmillPipeline
import TextmillProcessing
import TextmillServer

#if canImport(Glibc)
import Glibc
#endif

/// `textmill serve`: the pipeline behind a JSON-RPC 2.0 line protocol (docs/protocol.md).
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the pipeline over a newline-delimited JSON-RPC 2.0 protocol (unix or TCP sockets).",
        discussion: """
            Each request is one JSON object per line; `process` replies carry exactly the record \
            `textmill run` writes for the same object. SIGTERM or SIGINT stops accepting, answers \
            every request already received, then exits 0. See docs/protocol.md.
            """)

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Where to listen: unix:PATH, tcp:HOST:PORT or tcp:PORT (host 127.0.0.1); repeatable.",
            valueName: "address"))
    var listen: [String] = []

    @OptionGroup var pipelineOptions: PipelineOptions
    @OptionGroup var inputFields: InputFieldOptions

    @Option(help: "Worker processes (1: process in the server's own process).")
    var workers = ServeCommand.defaultWorkers

    @Flag(name: [.customLong("allow-non-loopback"), .customLong("allow-remote")],
          help: "Allow a TCP address that is not loopback (use --auth-token-file with it).")
    var allowNonLoopback = false

    @Option(help: "Longest request line in bytes; a longer one gets an error and is skipped.")
    var maxLineBytes = 1 << 20

    @Option(help: "Unanswered requests per connection before the server stops reading from it.")
    var maxInFlight = 256

    @Option(help: "Most simultaneous connections; more are answered with an error and closed.")
    var maxConnections = 1024

    @Option(help: "Close a connection idle for this many seconds (0: never).")
    var idleTimeout: Double = 600

    @Option(help: "On SIGTERM, seconds a connection may keep sending before it is closed (its requests are answered).")
    var drainTimeout: Double = 10

    @Option(help: "Longest a request waits to share a chunk while others are being processed, in microseconds.")
    var batchDelayUs = 200

    @Option(help: "Most documents per chunk handed to the workers.")
    var maxBatch = 256

    @OptionGroup var jobOptions: ServeJobOptions

    static var defaultWorkers: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    func validate() throws {
        try jobOptions.validate()
        if listen.isEmpty { throw ValidationError("give at least one --listen unix:PATH or --listen tcp:127.0.0.1:PORT") }
        if maxLineBytes < 64 { throw ValidationError("--max-line-bytes must be at least 64") }
        if maxInFlight < 1 || maxConnections < 1 || maxBatch < 1 || workers < 1 {
            throw ValidationError("--max-in-flight, --max-connections, --max-batch and --workers must be at least 1")
        }
        if idleTimeout < 0 || batchDelayUs < 0 || drainTimeout < 0 {
            throw ValidationError("--idle-timeout, --drain-timeout and --batch-delay-us cannot be negative")
        }
    }

    mutating func run() throws {
        var addresses: [ListenAddress] = []
        for text in listen {
            let spelled = text.hasPrefix("tcp:") && !text.dropFirst(4).contains(":") ? "tcp:127.0.0.1:" + text.dropFirst(4) : text
            do { addresses.append(try ListenAddress(parsing: spelled)) } catch { throw FatalError("--listen \(error)") }
        }
        for address in addresses where !address.isLoopback {
            guard allowNonLoopback else {
                throw FatalError("--listen \(address) is not a loopback address; the protocol has no authentication, so pass --allow-non-loopback to expose it anyway")
            }
            printError("warning: listening on \(address), reachable from other machines; the protocol has no authentication")
        }
        let config = try pipelineOptions.load()
        let pipeline = config.pipeline
        let fields = inputFields.fields

        var configuration = ServerConfiguration(listen: addresses)
        configuration.allowNonLoopback = allowNonLoopback
        configuration.maxLineBytes = maxLineBytes
        configuration.maxInFlightPerConnection = maxInFlight
        configuration.maxConnections = maxConnections
        configuration.idleTimeoutSeconds = idleTimeout > 0 ? idleTimeout : nil
        configuration.maxBatchDelayMicroseconds = batchDelayUs
        configuration.drainTimeoutSeconds = drainTimeout
        configuration.maxBatchDocuments = maxBatch
        configuration.maxConcurrentChunks = workers
        configuration.textPath = fields.textPath
        configuration.threads = min(2, ServeCommand.defaultWorkers)
        configuration.authToken = try jobOptions.authToken()

        // Signals are taken before the workers start, so an early SIGTERM still drains cleanly.
        let stop = DispatchSemaphore(value: 0)
        var sources: [any DispatchSourceSignal] = []
        for sig in [SIGTERM, SIGINT] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { stop.signal() }
            source.resume()
            sources.append(source)
        }

        for address in addresses {
            do { try address.checkAvailable() } catch { throw FatalError("\(error)") }
        }
        // After the socket check: a second server on a live socket is told that, not that its state dir is taken.
        let jobs = try jobOptions.queue(listening: addresses, version: TextmillCommand.version)
        // The backend (not just its processor) so the workers are stopped before exit.
        let backend = try ProcessingBackend.records(config: config, fields: fields, workers: workers)
        defer { backend.shutdown() }
        let processor = backend.processor
        let info = ServerInfo(
            serverVersion: TextmillCommand.version, pipelineName: config.name, fingerprint: config.fingerprint,
            preset: pipelineOptions.config == nil ? (pipelineOptions.preset ?? PresetCatalog.defaultPreset) : nil,
            fields: pipeline.output.fields.map(\.description))
        let server = TextmillServer(processor: processor, info: info, configuration: configuration,
                                    tokens: ServerTokenMethods.from(pipeline.stages), methods: jobs.map { JobMethods.handlers($0) } ?? [])
        let bound: [ListenAddress]
        do {
            bound = try blockingAwait { try await server.start() }
        } catch {
            _ = try? blockingAwait { await server.drain(); await server.shutdown() }
            throw FatalError("\(error)")
        }
        printError(
            "listening on \(bound.map(\.description).joined(separator: ", ")); pipeline \(config.name) \(config.fingerprint); "
                + "\(workers) worker\(workers == 1 ? "" : "s")")
        if let jobs {
            let waiting = jobs.list(states: [.queued, .interrupted]).count
            printError("jobs: state in \(jobOptions.stateDirectory(listening: addresses) ?? "?"); up to \(jobOptions.maxJobs) at once; \(waiting) waiting")
            jobs.start()
        }
        stop.wait()
        if let jobs {
            printError("stopping jobs: each keeps its partial output and continues when the server starts again")
            jobs.shutdown()
        }
        printError("draining: answering the requests already received")
        _ = try? blockingAwait { await server.drain(); await server.shutdown() }
        printError("stopped")
        _ = sources
    }
}
