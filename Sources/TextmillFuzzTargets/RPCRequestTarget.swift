import TextmillDocuments
import TextmillJSON
import TextmillServer

/// `rpc`: JSON-RPC request lines as the server parses them.
///
/// Properties: a line is a parse error exactly when `ReferenceJSONValidator` rejects it; an
/// accepted request's id is the JSON the client wrote; and a `process` request's documents,
/// cut out of the line by byte offsets (`JSONValueExtent`), are exactly the params object, or
/// each `texts` item (an object as sent, a string wrapped as `{"text": …}`), as a JSON parser
/// reads them from the whole line. A wrong offset shows up as a document that does not parse
/// or differs.
public struct RPCRequestTarget: FuzzTarget {
    public let name = "rpc"
    private let parser = RPCRequestParser(textPath: ["text"])

    public init() {}

    public func check(_ input: [UInt8]) throws(PropertyViolation) {
        let valid = ReferenceJSONValidator.isValid(input, maxDepth: JSONParser.maxDepth)
        switch parser.parse(input) {
        case .failure(let failure):
            try PropertyViolation.require(
                (failure.code == .parseError) == !valid, "rpc: \(failure.code) for a line whose JSON validity is \(valid)")
            if let id = failure.id { try Self.checkID(id) }
        case .success(let request):
            try PropertyViolation.require(valid, "rpc: a request parsed from invalid JSON")
            if let id = request.id { try Self.checkID(id) }
            guard request.method.params == .documents else {
                try PropertyViolation.require(request.documents.isEmpty, "rpc: documents for \(request.method.name)")
                return
            }
            let root: JSONValue
            do { root = try JSONValue.parse(input) } catch { throw PropertyViolation("rpc: valid line does not parse: \(error)") }
            guard let params = Self.last("params", in: root) else { throw PropertyViolation("rpc: process without params accepted") }
            let expected: [JSONValue]
            if request.isList {
                guard let texts = Self.last("texts", in: params)?.arrayValue else { throw PropertyViolation("rpc: a list without texts") }
                expected = texts.map { $0.stringValue != nil ? .object([("text", $0)]) : $0 }
            } else {
                expected = [params]
            }
            try PropertyViolation.require(
                request.documents.count == expected.count, "rpc: \(request.documents.count) documents for \(expected.count) texts")
            for (i, (document, value)) in zip(request.documents, expected).enumerated() {
                guard case .jsonLine(let line) = document.payload else { throw PropertyViolation("rpc: a document that is not a JSON line") }
                let parsed: JSONValue
                do { parsed = try JSONValue.parse(line) } catch {
                    throw PropertyViolation("rpc: document \(i) cut from the line does not parse: \(error): \(hex(line))")
                }
                try PropertyViolation.require(parsed == value, "rpc: document \(i) is \(parsed.jsonText), the request holds \(value.jsonText)")
                try PropertyViolation.require(document.locator.line == i + 1, "rpc: document \(i) is numbered \(document.locator.line)")
            }
        }
    }

    /// The member the server reads: the last one of that name, as most JSON parsers do.
    private static func last(_ key: String, in value: JSONValue) -> JSONValue? {
        value.objectValue?.last { $0.key == key }?.value
    }

    private static func checkID(_ id: [UInt8]) throws(PropertyViolation) {
        let value: JSONValue
        do { value = try JSONValue.parse(id) } catch { throw PropertyViolation("rpc: the echoed id is not JSON: \(hex(id))") }
        switch value {
        case .null, .number, .string: break
        default: throw PropertyViolation("rpc: the echoed id is a \(value.typeName)")
        }
    }
}
