import TextmillJSON
import TextmillOutput

/// The parts of one JSONL record that fill the table's columns, as nodes into the line's bytes
/// (nothing is decoded until a sink writes it).
struct RecordFields {
    /// The record's `id`, when it has one.
    var id: JSONNode?
    /// `error.code` and `error.message` of an error record.
    var errorCode: JSONNode?
    var errorMessage: JSONNode?
    /// One entry per typed column of the table, in its order (nil: the record lacks the field).
    var typed: [JSONNode?]

    /// Reads `line` (one record without its newline). `isError` comes from the chunk's failed
    /// positions, so a kept input field that happens to be called `error` is not mistaken for one.
    /// Only the members the columns need are parsed; the rest (offsets, vectors) are skipped.
    /// A record that needs only its `id` (no typed columns, not an error record) and starts
    /// with it, as textmill writes them, is read no further than `LeadingRecordID` needs: then
    /// the rest of the line is not validated (the worker wrote it; the database stores it).
    init(line: UnsafeBufferPointer<UInt8>, isError: Bool, typedColumns: [TypedColumn], ordinal: Int) throws(OutputError) {
        if !isError && typedColumns.isEmpty, let range = LeadingRecordID.range(in: line) {
            do {
                id = try JSONParser.parse(line, range: range)
            } catch {
                throw OutputError("record \(ordinal)", "has an id that is not JSON (\(error)); a record sink only takes textmill's records")
            }
            typed = []
            return
        }
        var idRange: Range<Int>?
        var errorRange: Range<Int>?
        var typedRanges = [Range<Int>?](repeating: nil, count: typedColumns.count)
        do {
            try JSONObjectScanner.members(line) { key, value in
                if JSONStringDecoding.equals(key, in: line, Self.idKey) {
                    idRange = value
                } else if isError && JSONStringDecoding.equals(key, in: line, Self.errorKey) {
                    errorRange = value
                } else {
                    for (i, column) in typedColumns.enumerated() where JSONStringDecoding.equals(key, in: line, column.field) {
                        typedRanges[i] = value
                    }
                }
            }
            id = try idRange.map { (range) throws(JSONParseError) in try JSONParser.parse(line, range: range) }
            typed = try typedRanges.map { (range) throws(JSONParseError) in
                try range.map { (range) throws(JSONParseError) in try JSONParser.parse(line, range: range) }
            }
            if let errorRange, let error = try JSONParser.parse(line, range: errorRange).members {
                errorCode = Self.member(error, Self.codeKey, line)
                errorMessage = Self.member(error, Self.messageKey, line)
            }
        } catch {
            throw OutputError("record \(ordinal)", "is not a JSON object (\(error)); a record sink only takes textmill's records")
        }
    }

    private static let idKey = Array("id".utf8)
    private static let errorKey = Array("error".utf8)
    private static let codeKey = Array("code".utf8)
    private static let messageKey = Array("message".utf8)

    /// The member called `key`; of duplicates the last, as jsonb keeps it (and as the top-level fields are read).
    private static func member(_ members: [JSONMember], _ key: [UInt8], _ line: UnsafeBufferPointer<UInt8>) -> JSONNode? {
        members.last { JSONStringDecoding.equals($0.key, in: line, key) }?.value
    }

    /// The node as text "as the input had it": a string's value, a number's literal, true/false;
    /// nil for null, arrays and objects.
    static func text(_ node: JSONNode?, in line: UnsafeBufferPointer<UInt8>) -> String? {
        switch node {
        case .string(let span)?: JSONStringDecoding.decodeString(span, in: line)
        case .number(let range)?: String(decoding: UnsafeBufferPointer(rebasing: line[range]), as: UTF8.self)
        case .bool(let value)?: value ? "true" : "false"
        default: nil
        }
    }

    /// The number of elements when the node is an array.
    static func count(_ node: JSONNode?) -> Int? {
        if case .array(let elements)? = node { return elements.count }
        return nil
    }

    /// Appends the node as compact JSON (strings and numbers copied as they were written).
    static func appendCompactJSON(_ node: JSONNode, in line: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        switch node {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let value): out.append(contentsOf: value ? "true".utf8 : "false".utf8)
        case .number(let range): out.append(contentsOf: line[range])
        case .string(let span):
            out.append(0x22)
            out.append(contentsOf: line[span.range])
            out.append(0x22)
        case .array(let elements):
            out.append(0x5B)
            for (i, element) in elements.enumerated() {
                if i > 0 { out.append(0x2C) }
                appendCompactJSON(element, in: line, to: &out)
            }
            out.append(0x5D)
        case .object(let members):
            out.append(0x7B)
            for (i, member) in members.enumerated() {
                if i > 0 { out.append(0x2C) }
                out.append(0x22)
                out.append(contentsOf: line[member.key.range])
                out.append(0x22)
                out.append(0x3A)
                appendCompactJSON(member.value, in: line, to: &out)
            }
            out.append(0x7D)
        }
    }
}
