internal import CICU

/// A UAX #29 word or sentence break iterator for one locale.
///
/// Opening an ICU break iterator is expensive (rules and dictionaries), so each worker opens
/// one per stage and feeds it document after document. Not thread-safe: one per worker.
public final class BreakIterator {
    public enum Kind: String, Sendable {
        case word, sentence
    }

    public let kind: Kind
    public let locale: String
    private let iterator: OpaquePointer

    /// `locale` is an ICU locale ID; "root" and "" both mean CLDR's root rules.
    public init(_ kind: Kind, locale: String) throws {
        var status = U_ZERO_ERROR
        let icuLocale = locale == "root" ? "" : locale
        let type = kind == .word ? UBRK_WORD : UBRK_SENTENCE
        guard let it = textmill_ubrk_open(type, icuLocale, &status), !isFailure(status) else {
            throw ICUError(status, "ubrk_open(\(kind.rawValue), \(locale))")
        }
        self.kind = kind
        self.locale = locale
        self.iterator = it
    }

    deinit { textmill_ubrk_close(iterator) }

    /// Calls `body(start, end, ruleStatus)` for each segment of `text`, in order.
    ///
    /// ICU keeps a pointer to `text` only for the duration of this call.
    @inline(__always)
    public func forEachSegment(
        in text: UnsafeBufferPointer<UInt16>, _ body: (Int, Int, Int32) throws -> Void
    ) throws {
        guard let base = text.baseAddress, !text.isEmpty else { return }
        var status = U_ZERO_ERROR
        textmill_ubrk_setText(iterator, base, Int32(text.count), &status)
        if isFailure(status) { throw ICUError(status, "ubrk_setText") }
        var start = Int(textmill_ubrk_first(iterator))
        while true {
            let end = textmill_ubrk_next(iterator)
            if end == UBRK_DONE { break }
            try body(start, Int(end), textmill_ubrk_getRuleStatus(iterator))
            start = Int(end)
        }
    }

    /// ICU's compiled rules (`ubrk_getBinaryRules`): equal bytes mean the same segmentation,
    /// which tells which locales share the root locale's rules.
    public func binaryRules() throws -> [UInt8] {
        var status = U_ZERO_ERROR
        let size = textmill_ubrk_getBinaryRules(iterator, nil, 0, &status)
        if isFailure(status) && status != U_BUFFER_OVERFLOW_ERROR { throw ICUError(status, "ubrk_getBinaryRules") }
        var rules = [UInt8](repeating: 0, count: Int(size))
        status = U_ZERO_ERROR
        rules.withUnsafeMutableBufferPointer { _ = textmill_ubrk_getBinaryRules(iterator, $0.baseAddress, size, &status) }
        if isFailure(status) { throw ICUError(status, "ubrk_getBinaryRules") }
        return rules
    }
}

/// The ranges of ICU's word-break rule statuses (`UWordBreak`), as ICU defines them.
public enum WordRuleStatus {
    public static let noneLimit: Int32 = 100
    public static let numberLimit: Int32 = 200
    public static let letterLimit: Int32 = 300
    public static let kanaLimit: Int32 = 400
    public static let ideographicLimit: Int32 = 500
}
