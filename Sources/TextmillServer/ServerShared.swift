import NIOCore
import TextmillJSON

/// What every connection shares: limits, the method table and request parser, the batcher and
/// the counters. Method handlers see it through `RPCCall.server`.
package final class ServerShared: Sendable {
    let configuration: ServerConfiguration
    let info: ServerInfo
    let methods: RPCMethodTable
    let parser: RPCRequestParser
    let batcher: RequestBatcher
    let stats: ServerStats
    let drainTimeout: TimeAmount
    /// The tokenizer behind `encode`, `decode` and `count_tokens`, when the pipeline has one.
    let tokens: (any TokenMethods)?

    init(configuration: ServerConfiguration, info: ServerInfo, batcher: RequestBatcher, stats: ServerStats,
         tokens: (any TokenMethods)? = nil, methods: RPCMethodTable = .standard) {
        self.tokens = tokens
        self.configuration = configuration
        self.info = info
        self.methods = methods
        self.parser = RPCRequestParser(textPath: configuration.textPath, methods: methods)
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
        w.key("methods"); w.value(.array(methods.methods.filter { $0.isOffered(on: self) }.map { .string($0.name) }))
        w.endObject()
    }
}
