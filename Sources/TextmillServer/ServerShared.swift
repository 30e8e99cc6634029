import NIOCore
import TextmillJSON

/// What every connection handler shares: limits, the request parser, the batcher and the counters.
final class ServerShared: Sendable {
    let configuration: ServerConfiguration
    let info: ServerInfo
    let parser: RPCRequestParser
    let batcher: RequestBatcher
    let stats: ServerStats
    let drainTimeout: TimeAmount
    /// The tokenizer behind `encode`, `decode` and `count_tokens`, when the pipeline has one.
    let tokens: (any TokenMethods)?
    /// Methods answered before `ConnectionHandler` sees them (`LineMethods`), for `initialize`'s list.
    let extraMethods: [String]

    init(configuration: ServerConfiguration, info: ServerInfo, batcher: RequestBatcher, stats: ServerStats,
         tokens: (any TokenMethods)? = nil, extraMethods: [String] = []) {
        self.tokens = tokens
        self.extraMethods = extraMethods
        self.configuration = configuration
        self.info = info
        self.parser = RPCRequestParser(textPath: configuration.textPath)
        self.batcher = batcher
        self.stats = stats
        self.drainTimeout = .milliseconds(Int64(configuration.drainTimeoutSeconds * 1000))
    }

    /// The `initialize` result.
    func writeInfo(to w: inout JSONWriter) {
        w.beginObject()
        w.key("protocol_version"); w.int(ServerInfo.protocolVersion); w.comma()
        w.key("server"); w.string("textmill"); w.comma()
        w.key("server_version"); w.string(info.serverVersion); w.comma()
        w.key("pipeline"); w.string(info.pipelineName); w.comma()
        w.key("fingerprint"); w.string(info.fingerprint); w.comma()
        w.key("preset")
        if let preset = info.preset { w.string(preset) } else { w.null() }
        w.comma()
        w.key("fields"); w.value(.array(info.fields.map { .string($0) })); w.comma()
        w.key("text_field"); w.string(configuration.textPath.joined(separator: ".")); w.comma()
        w.key("max_line_bytes"); w.int(configuration.maxLineBytes); w.comma()
        w.key("max_in_flight"); w.int(configuration.maxInFlightPerConnection); w.comma()
        w.key("methods"); w.value(.array(RPCMethod.allCases.filter { !$0.isTokenMethod || tokens != nil }.map { .string($0.rawValue) } + extraMethods.map { .string($0) }))
        w.endObject()
    }
}
