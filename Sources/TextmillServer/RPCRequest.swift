import TextmillDocuments
import TextmillJSON

/// One parsed JSON-RPC request line.
package struct RPCRequest {
    /// The id exactly as the client wrote it (`7`, `"a"`, `null`); nil for a notification,
    /// which JSON-RPC answers with nothing.
    package var id: [UInt8]?
    package var method: any RPCMethodHandler
    /// For `process` (`RPCParamsShape.documents`): the documents to run, each a JSONL line as `run` would read it.
    package var documents: [InputDocument]
    /// True for `{"texts": [...]}`, answered with a list of records.
    package var isList: Bool
    /// The params of a method that reads them as a value (`RPCParamsShape.value`), when sent.
    package var params: JSONValue? = nil
}

/// Turns request lines into `RPCRequest`s, or the `RPCFailure` JSON-RPC prescribes.
///
/// Parsing uses textmill's own byte-level parser (no Foundation). A `process` request's params
/// object is handed to the pipeline as the very bytes the client sent, so a reply record is
/// byte for byte the record `textmill run` writes for the same object on a JSONL line.
package struct RPCRequestParser {
    /// Where the text is in a document (the `--text-field` path).
    let textPath: [String]
    private let textKey: [[UInt8]]
    private let methods: RPCMethodTable

    package init(textPath: [String], methods: RPCMethodTable = .standard) {
        self.textPath = textPath
        self.textKey = textPath.map { Array($0.utf8) }
        self.methods = methods
    }

    package func parse(_ line: [UInt8]) -> Result<RPCRequest, RPCFailure> {
        line.withUnsafeBufferPointer { bytes in
            do throws(RPCFailure) {
                return .success(try parse(bytes))
            } catch {
                return .failure(error)
            }
        }
    }

    private func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(RPCFailure) -> RPCRequest {
        let root: JSONNode
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            throw RPCFailure(.parseError, "parse error: \(error)")
        }
        guard case .object(let members) = root else {
            if case .array = root {
                throw RPCFailure(.invalidRequest, "batch requests are not supported: send one request per line (pipelining is allowed)")
            }
            throw RPCFailure(.invalidRequest, "a request must be a JSON object, not a \(root.typeName)")
        }
        func member(_ name: String) -> JSONMember? {
            let key = Array(name.utf8)
            return members.last { JSONStringDecoding.equals($0.key, in: bytes, key) }
        }

        var id: [UInt8]? = nil
        if let idMember = member("id") {
            switch idMember.value {
            case .null: id = Array("null".utf8)
            case .number(let range): id = Array(bytes[range])
            case .string(let span): id = Array(bytes[(span.range.lowerBound - 1)..<(span.range.upperBound + 1)])
            default:
                throw RPCFailure(.invalidRequest, "id must be a string, a number or null, not a \(idMember.value.typeName)")
            }
        }
        guard let version = member("jsonrpc"), case .string(let span) = version.value,
            JSONStringDecoding.equals(span, in: bytes, Array("2.0".utf8))
        else {
            throw RPCFailure(.invalidRequest, "\"jsonrpc\" must be \"2.0\"", id: id)
        }
        guard let methodMember = member("method"), case .string(let methodSpan) = methodMember.value else {
            throw RPCFailure(.invalidRequest, "\"method\" must be a string", id: id)
        }
        let name = JSONStringDecoding.decodeString(methodSpan, in: bytes)
        guard let method = methods[name] else {
            throw RPCFailure(
                .methodNotFound, "method not found: \(name) (methods: \(methods.names.joined(separator: ", ")))", id: id)
        }
        var request = RPCRequest(id: id, method: method, documents: [], isList: false)
        switch method.params {
        case .documents:
            guard let params = member("params") else {
                throw RPCFailure(.invalidParams, "\(name) needs params {\"text\": …} or {\"texts\": [...]}", id: id)
            }
            try readDocuments(params, bytes, into: &request)
        case .value:
            guard let params = member("params") else { break }
            let start = JSONValueExtent.valueStart(afterKey: params.key, in: bytes)
            let end = JSONValueExtent.end(of: bytes, valueAt: start)
            request.params = try? JSONValue.parse(Array(bytes[start..<end]))
        }
        return request
    }

    private func readDocuments(
        _ params: JSONMember, _ bytes: UnsafeBufferPointer<UInt8>, into request: inout RPCRequest
    ) throws(RPCFailure) {
        guard case .object(let members) = params.value else {
            throw RPCFailure(.invalidParams, "params must be an object, not a \(params.value.typeName)", id: request.id)
        }
        let paramsStart = JSONValueExtent.valueStart(afterKey: params.key, in: bytes)
        let textsKey = Array("texts".utf8)
        if let texts = members.last(where: { JSONStringDecoding.equals($0.key, in: bytes, textsKey) }) {
            guard case .array(let items) = texts.value else {
                throw RPCFailure(.invalidParams, "params.texts must be an array, not a \(texts.value.typeName)", id: request.id)
            }
            request.isList = true
            let starts = JSONValueExtent.elementStarts(
                ofArrayAt: JSONValueExtent.valueStart(afterKey: texts.key, in: bytes), count: items.count, in: bytes)
            for (position, item) in items.enumerated() {
                let start = starts[position]
                let end = JSONValueExtent.end(of: bytes, valueAt: start)
                let line: [UInt8]
                switch item {
                case .string:
                    line = wrapText(bytes[start..<end])
                case .object:
                    line = Array(bytes[start..<end])
                default:
                    throw RPCFailure(
                        .invalidParams, "params.texts[\(position)] must be a string or an object, not a \(item.typeName)",
                        id: request.id)
                }
                request.documents.append(document(line, position))
            }
            return
        }
        var node = params.value
        for (depth, key) in textKey.enumerated() {
            guard case .object(let inner) = node,
                let found = inner.last(where: { JSONStringDecoding.equals($0.key, in: bytes, key) })
            else {
                let path = textPath[...depth].joined(separator: ".")
                throw RPCFailure(.invalidParams, "params has no \"\(path)\" (send {\"\(textPath.joined(separator: "."))\": …} or {\"texts\": [...]})", id: request.id)
            }
            node = found.value
        }
        guard case .string = node else {
            throw RPCFailure(
                .invalidParams, "params.\(textPath.joined(separator: ".")) must be a string, not a \(node.typeName)",
                id: request.id)
        }
        let end = JSONValueExtent.end(of: bytes, valueAt: paramsStart)
        request.documents.append(document(Array(bytes[paramsStart..<end]), 0))
    }

    /// `{"text": <the string as sent>}`, nested along the text path, so a bare string goes
    /// through the same decoding as a JSONL record's text.
    private func wrapText(_ string: Slice<UnsafeBufferPointer<UInt8>>) -> [UInt8] {
        var line: [UInt8] = []
        line.reserveCapacity(string.count + 16 * textKey.count)
        for key in textKey {
            var w = JSONWriter()
            w.beginObject()
            w.string(String(decoding: key, as: UTF8.self))
            line.append(contentsOf: w.bytes)
            line.append(UInt8(ascii: ":"))
        }
        line.append(contentsOf: string)
        line.append(contentsOf: repeatElement(UInt8(ascii: "}"), count: textKey.count))
        return line
    }

    /// A request's document; the 1-based position stands in for a missing id, as the line number does in `run`.
    private func document(_ line: [UInt8], _ position: Int) -> InputDocument {
        InputDocument(
            locator: DocumentLocator(source: "<request>", line: position + 1), payload: .jsonLine(line))
    }
}
