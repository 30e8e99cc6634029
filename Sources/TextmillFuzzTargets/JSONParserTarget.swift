import TextmillJSON

/// `json`: the byte-level parser and string decoder against independent references.
///
/// Properties: the parser accepts exactly what `ReferenceJSONValidator` accepts; every string
/// it finds decodes (`decodeUTF16`, `decodeString`) to what the standard library's UTF-8 and
/// UTF-16 decoders give for the same escapes and bytes, with the substitution count matching;
/// and an accepted value written back by `JSONWriter` parses again to an equal value.
public struct JSONParserTarget: FuzzTarget {
    public let name = "json"

    public init() {}

    public func check(_ input: [UInt8]) throws(PropertyViolation) {
        let expected = ReferenceJSONValidator.isValid(input, maxDepth: JSONParser.maxDepth)
        let parsed: Result<JSONNode, JSONParseError> = input.withUnsafeBufferPointer { bytes in
            do throws(JSONParseError) { return .success(try JSONParser.parse(bytes)) } catch { return .failure(error) }
        }
        switch parsed {
        case .failure(let error):
            try PropertyViolation.require(!expected, "parser rejected valid JSON: \(error)")
        case .success(let node):
            try PropertyViolation.require(expected, "parser accepted invalid JSON")
            try input.withUnsafeBufferPointer { bytes throws(PropertyViolation) in
                try Self.checkStrings(node, bytes)
            }
            let value = try Self.value(input)
            var writer = JSONWriter()
            writer.value(value)
            try PropertyViolation.require(
                String(validating: writer.bytes, as: UTF8.self) != nil, "JSONWriter wrote invalid UTF-8")
            let again: JSONValue
            do { again = try JSONValue.parse(writer.bytes) } catch {
                throw PropertyViolation("written value does not parse back: \(error)")
            }
            try PropertyViolation.require(again == value, "value changed on a write and parse round trip")
        }
    }

    private static func value(_ input: [UInt8]) throws(PropertyViolation) -> JSONValue {
        do { return try JSONValue.parse(input) } catch { throw PropertyViolation("JSONValue.parse rejected what JSONParser took: \(error)") }
    }

    private static func checkStrings(_ node: JSONNode, _ bytes: UnsafeBufferPointer<UInt8>) throws(PropertyViolation) {
        switch node {
        case .string(let span): try checkString(span, bytes)
        case .array(let items): for item in items { try checkStrings(item, bytes) }
        case .object(let members):
            for member in members {
                try checkString(member.key, bytes)
                try checkStrings(member.value, bytes)
            }
        default: break
        }
    }

    private static func checkString(_ span: JSONStringSpan, _ bytes: UnsafeBufferPointer<UInt8>) throws(PropertyViolation) {
        let raw = Array(bytes[span.range])
        try PropertyViolation.require(span.hasEscapes == raw.contains(UInt8(ascii: "\\")), "hasEscapes is wrong for a string")
        var units: [UInt16] = []
        let replaced = JSONStringDecoding.decodeUTF16(span, in: bytes, appendingTo: &units)
        let (expected, expectedReplaced) = ReferenceStringDecoder.decode(raw)
        try PropertyViolation.require(
            units == expected, "decodeUTF16 gave \(hex(units)), the reference \(hex(expected)) for \(hex(raw))")
        try PropertyViolation.require(
            replaced == expectedReplaced, "decodeUTF16 counted \(replaced) substitutions, the reference \(expectedReplaced)")
        let string = JSONStringDecoding.decodeString(span, in: bytes)
        try PropertyViolation.require(Array(string.utf16) == expected, "decodeString differs from decodeUTF16")
        // `equals` compares an unescaped key's raw bytes (no allocation on the hot path), so it
        // matches the decoded value exactly when there was nothing to replace.
        if span.hasEscapes || String(validating: raw, as: UTF8.self) != nil {
            try PropertyViolation.require(
                JSONStringDecoding.equals(span, in: bytes, Array(string.utf8)), "equals() is false for the string's own value")
        }
    }
}

func hex<T: BinaryInteger>(_ values: [T]) -> String {
    values.prefix(64).map { String($0, radix: 16) }.joined(separator: " ") + (values.count > 64 ? " …" : "")
}
