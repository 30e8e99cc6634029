import TextmillJSON
import TextmillDocuments

/// Writes one JSONL record (or error record) per document, straight from the analysis.
public struct RecordWriter: Sendable {
    public let spec: OutputSpec

    public init(spec: OutputSpec) { self.spec = spec }

    /// Writes `{"id":…, <fields>…}` and a newline. `writeID` writes the id value; feature
    /// doubles are formatted through `doubleTexts` (keep one per worker).
    public func write(
        _ analysis: Analysis, carried: [(key: String, value: JSONValue)] = [],
        to out: inout JSONWriter, doubleTexts: DoubleTextCache, writeID: (inout JSONWriter) -> Void
    ) {
        out.beginObject()
        var first = true
        for field in spec.fields {
            if !first { out.comma() }
            first = false
            switch field {
            case .id:
                out.key("id" as StaticString)
                writeID(&out)
            case .text:
                out.key("text" as StaticString)
                analysis.text.units.withUnsafeBufferPointer { out.string(utf16: $0) }
            case .tokens:
                out.key("tokens" as StaticString)
                writeTokens(analysis, to: &out)
            case .offsets:
                out.key("offsets" as StaticString)
                writeOffsets(analysis, to: &out)
            case .types:
                out.key("types" as StaticString)
                out.beginArray()
                for (i, token) in analysis.tokens.enumerated() {
                    if i > 0 { out.comma() }
                    out.raw(UInt8(ascii: "\""))
                    out.raw(token.type.rawValue.utf8)
                    out.raw(UInt8(ascii: "\""))
                }
                out.endArray()
            case .sentences:
                out.key("sentences" as StaticString)
                out.beginArray()
                for (i, sentence) in analysis.sentences.enumerated() {
                    if i > 0 { out.comma() }
                    writeSpan(sentence.origin.lowerBound, sentence.origin.upperBound, analysis, &out)
                }
                out.endArray()
            case .feature(let name):
                out.key(name)
                if let value = analysis.feature(named: name) { out.feature(value, doubleTexts: doubleTexts) } else { out.null() }
            }
        }
        for member in carried {
            out.comma()
            out.key(member.key)
            out.value(member.value)
        }
        out.endObject()
        out.newline()
    }

    /// The tokens' texts, through a `JSONBlock`: a token is ~5 bytes, too short for a
    /// capacity check per byte to be cheap.
    private func writeTokens(_ analysis: Analysis, to out: inout JSONWriter) {
        analysis.text.units.withUnsafeBufferPointer { text in
            analysis.tokenText.withUnsafeBufferPointer { stored in
                analysis.tokens.withUnsafeBufferPointer { tokens in
                    out.withBlock { block in
                        block.raw(UInt8(ascii: "["))
                        for i in tokens.indices {
                            let token = tokens[i]
                            if i > 0 { block.raw(UInt8(ascii: ",")) }
                            let source = token.isStored ? stored : text
                            block.string(utf16: UnsafeBufferPointer(rebasing: source[Int(token.start)..<Int(token.end)]))
                        }
                        block.raw(UInt8(ascii: "]"))
                    }
                }
            }
        }
    }

    /// The tokens' `[start,end]` pairs in the original text, through a `JSONBlock`, converted
    /// by one table lookup each (none for code points of text without surrogates).
    private func writeOffsets(_ analysis: Analysis, to out: inout JSONWriter) {
        analysis.original.withOffsetTable(spec.offsetUnit) { table in
            analysis.tokens.withUnsafeBufferPointer { tokens in
                out.withBlock { block in
                    block.raw(UInt8(ascii: "["))
                    for i in tokens.indices {
                        let token = tokens[i]
                        if i > 0 { block.raw(UInt8(ascii: ",")) }
                        var start = Int(token.originStart)
                        var end = Int(token.originEnd)
                        if let table {
                            start = Int(table[start])
                            end = Int(table[end])
                        }
                        block.pair(start, end)
                    }
                    block.raw(UInt8(ascii: "]"))
                }
            }
        }
    }

    @inline(__always)
    private func writeSpan(_ start: Int, _ end: Int, _ analysis: Analysis, _ out: inout JSONWriter) {
        out.beginArray()
        out.int(analysis.original.offset(start, in: spec.offsetUnit))
        out.comma()
        out.int(analysis.original.offset(end, in: spec.offsetUnit))
        out.endArray()
    }

    /// Writes `{"rejected":{"reasons":[…],"values":{…},"file":…,"line":…},"id":…}` and a newline:
    /// the record of a document a filter stage dropped, with what it judged. `rejected` comes
    /// first so a coordinator recognizes these lines by their first bytes
    /// (`RejectedRoutingRecordSink`), which no other record starts with.
    public static func writeRejected(
        _ rejection: Rejection, locator: DocumentLocator, to out: inout JSONWriter, writeID: (inout JSONWriter) -> Void
    ) {
        out.beginObject()
        out.key("rejected")
        out.beginObject()
        out.key("reasons")
        out.feature(.strings(rejection.reasons))
        out.comma()
        out.key("values")
        out.feature(.object(rejection.values))
        out.comma()
        out.key("file")
        out.string(locator.source)
        out.comma()
        out.key("line")
        out.int(locator.line)
        out.endObject()
        out.comma()
        out.key("id" as StaticString)
        writeID(&out)
        out.endObject()
        out.newline()
    }

    /// Writes `{"id":…,"error":{"code":…,"message":…,"file":…,"line":…}}` and a newline.
    public static func writeError(
        _ error: DocumentError, locator: DocumentLocator, to out: inout JSONWriter, writeID: (inout JSONWriter) -> Void
    ) {
        out.beginObject()
        out.key("id" as StaticString)
        writeID(&out)
        out.comma()
        out.key("error")
        out.beginObject()
        out.key("code")
        out.string(error.code.rawValue)
        out.comma()
        out.key("message")
        out.string(error.message)
        out.comma()
        out.key("file")
        out.string(locator.source)
        out.comma()
        out.key("line")
        out.int(locator.line)
        out.endObject()
        out.endObject()
        out.newline()
    }
}
