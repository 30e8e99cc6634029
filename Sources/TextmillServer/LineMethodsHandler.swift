import NIOCore
import TextmillJSON

/// Sits before `ConnectionHandler` and takes the requests of a `LineMethods` (the `job.*`
/// methods) off the line stream; every other line goes on unchanged.
///
/// Only lines that mention the prefix in quotes are parsed here, so `process` requests pay one
/// byte scan; one whose text happens to contain it is parsed twice and passed on.
final class LineMethodsHandler: ChannelInboundHandler {
    typealias InboundIn = LineFrame
    typealias InboundOut = LineFrame

    private let methods: any LineMethods
    private let isTCP: Bool
    private let marker: [UInt8]

    init(methods: any LineMethods, isTCP: Bool) {
        self.methods = methods
        self.isTCP = isTCP
        marker = Array(("\"" + methods.methodPrefix).utf8)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .line(let buffer) = unwrapInboundIn(data),
            let call = call(in: Array(buffer.readableBytesView))
        else {
            return context.fireChannelRead(data)
        }
        methods.answer(call, on: LineConnection(channel: context.channel, isTCP: isTCP))
    }

    /// The request on `line` when it is a well-formed call of one of the methods.
    private func call(in line: [UInt8]) -> LineMethodCall? {
        guard line.count >= marker.count, contains(line, marker),
            let root = try? JSONValue.parse(line), let method = root["method"]?.stringValue,
            method.hasPrefix(methods.methodPrefix), root["jsonrpc"]?.stringValue == "2.0"
        else { return nil }
        var id: [UInt8]?
        switch root["id"] {
        case nil: id = nil
        case .null?: id = RPCReply.nullID
        case .number(_, let literal)?: id = Array(literal.utf8)
        case .string(let text)?:
            var w = JSONWriter()
            w.string(text)
            id = w.bytes
        default: return nil  // ConnectionHandler answers the invalid id
        }
        return LineMethodCall(id: id, method: method, params: root["params"])
    }

    private func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        let first = needle[0]
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first && haystack[i..<i + needle.count].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }
}
