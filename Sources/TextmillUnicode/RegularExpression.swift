internal import CICU

/// An ICU regular expression matched over UTF-8 text (through a UTF-8 `UText`, so match ranges are byte
/// offsets and the text is never converted to UTF-16). ICU's engine supports what LLM pre-tokenization
/// patterns use: Unicode properties (`\p{L}`), possessive quantifiers, lookahead, scoped `(?i:...)`.
/// Not thread-safe (ICU keeps match state in the object): one per worker, or `copy()` per thread.
public final class RegularExpression {
    public let pattern: String
    private let regex: OpaquePointer
    private var text: UnsafeMutablePointer<UText>?

    /// Compiles `pattern`; a syntax error names the UTF-16 offset ICU reports.
    public init(pattern: String, caseInsensitive: Bool = false) throws(ICUError) {
        var status = U_ZERO_ERROR
        var parseError = UParseError()
        let units = Array(pattern.utf16)
        let flags: UInt32 = caseInsensitive ? UInt32(UREGEX_CASE_INSENSITIVE.rawValue) : 0
        let compiled = units.withUnsafeBufferPointer {
            textmill_uregex_open($0.baseAddress, Int32($0.count), flags, &parseError, &status)
        }
        guard let compiled, !isFailure(status) else {
            throw ICUError(status, "uregex_open at offset \(parseError.offset)")
        }
        self.pattern = pattern
        self.regex = compiled
    }

    private init(pattern: String, regex: OpaquePointer) {
        self.pattern = pattern
        self.regex = regex
    }

    deinit {
        if let text { _ = textmill_utext_close(text) }
        textmill_uregex_close(regex)
    }

    /// A copy sharing the compiled pattern, for another thread.
    public func copy() throws(ICUError) -> RegularExpression {
        var status = U_ZERO_ERROR
        guard let clone = textmill_uregex_clone(regex, &status), !isFailure(status) else {
            throw ICUError(status, "uregex_clone")
        }
        return RegularExpression(pattern: pattern, regex: clone)
    }

    /// Calls `body(start, end)` with the byte range of each successive non-overlapping match in `utf8`
    /// (valid UTF-8), like Python's `finditer`. ICU reads `utf8` only during this call.
    public func forEachMatch(in utf8: UnsafeBufferPointer<UInt8>, _ body: (Int, Int) throws -> Void) throws {
        var status = U_ZERO_ERROR
        let empty: [UInt8] = [0]
        try empty.withUnsafeBufferPointer { fallback in
            let base = utf8.baseAddress ?? fallback.baseAddress!
            let opened = base.withMemoryRebound(to: CChar.self, capacity: max(utf8.count, 1)) {
                textmill_utext_openUTF8(text, $0, Int64(utf8.count), &status)
            }
            if isFailure(status) { throw ICUError(status, "utext_openUTF8") }
            text = opened
            textmill_uregex_setUText(regex, opened, &status)
            if isFailure(status) { throw ICUError(status, "uregex_setUText") }
            while textmill_uregex_findNext(regex, &status) != 0 {
                let start = textmill_uregex_start64(regex, 0, &status)
                let end = textmill_uregex_end64(regex, 0, &status)
                if isFailure(status) { throw ICUError(status, "uregex_findNext") }
                try body(Int(start), Int(end))
            }
            if isFailure(status) { throw ICUError(status, "uregex_findNext") }
        }
    }
}
