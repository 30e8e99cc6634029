import TextmillDocuments
import TextmillJSON

/// Writes the error record of a document that could not be processed at all — one that crashed
/// or hung its worker — with the same id a normal record would carry.
///
/// Cheap to build (no pipeline, no ICU), so a coordinator can make one for the documents it
/// isolates; `DocumentProcessor` shares its field lookup.
public struct ErrorRecordWriter: Sendable {
    public let fields: InputFields
    let idKey: [[UInt8]]

    public init(fields: InputFields) {
        self.fields = fields
        self.idKey = fields.idPath.map { Array($0.utf8) }
    }

    /// The error record (one line) for `document`.
    public func record(for document: InputDocument, _ error: DocumentError) -> [UInt8] {
        var out = JSONWriter(capacity: 256)
        let locator = document.locator
        switch document.payload {
        case .jsonLine(let line):
            line.withUnsafeBufferPointer { bytes in
                let root = try? JSONParser.parse(bytes)
                let idNode = root.flatMap { Self.lookup(idKey, in: $0, bytes) }
                RecordWriter.writeError(error, locator: locator, to: &out) { out in
                    if let idNode { Self.writeID(idNode, bytes, &out) } else { out.int(locator.line) }
                }
            }
        case .extracted(let id, _, _):
            RecordWriter.writeError(error, locator: locator, to: &out) { out in
                if let id { out.value(id) } else { out.int(locator.line) }
            }
        case .unreadable:
            RecordWriter.writeError(error, locator: locator, to: &out) { $0.int(locator.line) }
        }
        return out.bytes
    }

    /// Follows a dotted path through nested objects.
    static func lookup(_ path: [[UInt8]], in root: JSONNode, _ bytes: UnsafeBufferPointer<UInt8>) -> JSONNode? {
        var node = root
        for key in path {
            guard case .object(let members) = node,
                let member = members.last(where: { JSONStringDecoding.equals($0.key, in: bytes, key) })
            else { return nil }
            node = member.value
        }
        return node
    }

    /// Ids are copied: numbers byte for byte, strings re-escaped, anything else as JSON.
    static func writeID(_ node: JSONNode, _ bytes: UnsafeBufferPointer<UInt8>, _ out: inout JSONWriter) {
        switch node {
        case .number(let range): out.raw(UnsafeBufferPointer(rebasing: bytes[range]))
        case .string(let span) where !span.hasEscapes:
            out.string(utf8: UnsafeBufferPointer(rebasing: bytes[span.range]))
        default: out.value(JSONValue(node, in: bytes))
        }
    }
}
