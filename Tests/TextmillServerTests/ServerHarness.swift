import TextmillConfig
import TextmillDocuments
import TextmillJSON
import TextmillPipeline
import TextmillServer
import TextmillTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// A real server on a real unix socket (and optionally TCP) in a fresh temporary directory,
/// over the in-process processor with a preset from models/.
final class ServerHarness: Sendable {
    let server: TextmillServer
    let socketPath: String
    let addresses: [ListenAddress]

    static func start(
        preset: String = "icu-words", configJSON: String? = nil, tcp: Bool = false, processor: (any ChunkProcessing)? = nil,
        methods: [any RPCMethodHandler] = [], configure: (inout ServerConfiguration) -> Void = { _ in }
    ) async throws -> ServerHarness {
        let config = try configJSON.map { try PipelineConfig.parse(Array($0.utf8), path: "test.json") }
            ?? PresetCatalog(directory: Fixtures.path("models")).load(preset)
        let chunkProcessor = try processor ?? InProcessChunkProcessor(pipeline: config.pipeline, fields: InputFields())
        let socketPath = TextmillBinary.temporaryDirectory() + "/s.sock"
        var configuration = ServerConfiguration(
            listen: [.unix(path: socketPath)] + (tcp ? [.tcp(host: "127.0.0.1", port: 0)] : []))
        configure(&configuration)
        let info = ServerInfo(
            serverVersion: "test", pipelineName: config.name, fingerprint: config.fingerprint, preset: preset,
            fields: config.pipeline.output.fields.map(\.description))
        let server = TextmillServer(processor: chunkProcessor, info: info, configuration: configuration, tokens: nil, methods: methods)
        let addresses = try await server.start()
        return ServerHarness(server: server, socketPath: socketPath, addresses: addresses)
    }

    private init(server: TextmillServer, socketPath: String, addresses: [ListenAddress]) {
        self.server = server
        self.socketPath = socketPath
        self.addresses = addresses
    }

    func client() -> LineClient {
        guard let client = LineClient("unix:" + socketPath) else { fatalError("cannot connect to \(socketPath)") }
        return client
    }

    func stop() async {
        await server.drain()
        await server.shutdown()
    }
}

/// Helpers for reading replies.
enum Reply {
    static func parse(_ line: String?) -> JSONValue {
        guard let line, let value = try? JSONValue.parse(line) else { return .null }
        return value
    }

    static func errorCode(_ line: String?) -> Int? { parse(line)["error"]?["code"]?.intValue }

    /// The raw result bytes of a reply line (what follows `"result":` up to the closing brace).
    static func rawResult(_ line: String) -> String? {
        guard let range = line.firstRange(of: #","result":"#), line.hasSuffix("}") else { return nil }
        return String(line[range.upperBound..<line.index(before: line.endIndex)])
    }

    static func process(id: Int, text: String) -> String {
        var w = JSONWriter()
        w.raw(#"{"jsonrpc":"2.0","id":"#)
        w.int(id)
        w.raw(#","method":"process","params":{"text":"#)
        w.string(text)
        w.raw("}}\n")
        return String(decoding: w.bytes, as: UTF8.self)
    }
}
