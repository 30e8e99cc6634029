internal import CCLD2Shim

/// CLD2 (Compact Language Detector 2, Debian `libcld2-dev`, its model compiled in) on UTF-8
/// plain text. Stateless and thread-safe: CLD2 keeps no state between calls.
public struct CLD2Detector: Sendable {
    /// How many per-chunk results a call collects at most (a document has few language runs).
    public static let chunkCapacity = 64

    public init() {}

    /// CLD2's version text.
    public static var version: String { String(cString: tm_cld2_version()) }

    /// Detects the language of `utf8`. `contentHint` is a comma-separated list of codes CLD2
    /// should favour (`"bg,ru"`), `languageHint` one code; either may be nil.
    public func detect(
        _ utf8: UnsafeBufferPointer<UInt8>, contentHint: String? = nil, languageHint: String? = nil
    ) -> CLD2Result {
        var raw = tm_cld2_result()
        var chunks = [tm_cld2_chunk](repeating: tm_cld2_chunk(), count: Self.chunkCapacity)
        let length = Int32(clamping: utf8.count)
        utf8.withMemoryRebound(to: CChar.self) { text in
            withOptionalCString(contentHint) { content in
                withOptionalCString(languageHint) { language in
                    _ = tm_cld2_detect(text.baseAddress, length, content, language, 1, &raw, &chunks, Int32(Self.chunkCapacity))
                }
            }
        }
        let languages = [raw.languages.0, raw.languages.1, raw.languages.2]
        let percents = [raw.percents.0, raw.percents.1, raw.percents.2]
        let scores = [raw.scores.0, raw.scores.1, raw.scores.2]
        let top = (0..<3).map { (code: Self.code(languages[$0]), percent: Int(percents[$0]), score: scores[$0]) }
        let chunkCount = min(Int(raw.chunk_count), Self.chunkCapacity)
        return CLD2Result(
            top: top, textBytes: Int(raw.text_bytes), isReliable: raw.reliable != 0,
            chunks: chunks[0..<chunkCount].map { CLD2Chunk(offset: Int($0.offset), bytes: Int($0.bytes), code: Self.code($0.language)) })
    }

    /// CLD2's top three and reliability, without copying out the per-chunk attribution or
    /// allocating on the Swift side: what `LanguageIdentifier` needs, at the least cost per call.
    /// CLD2 is still asked for its chunk vector: without one it answers differently on some
    /// texts (other percentages, `zh` for `zh-Hant`), and the answers must stay the same.
    public func detectSummary(_ utf8: UnsafeBufferPointer<UInt8>, contentHint: String? = nil) -> CLD2Result {
        var raw = tm_cld2_result()
        let length = Int32(clamping: utf8.count)
        utf8.withMemoryRebound(to: CChar.self) { text in
            withOptionalCString(contentHint) { content in
                withUnsafeTemporaryAllocation(of: tm_cld2_chunk.self, capacity: 1) { chunks in
                    _ = tm_cld2_detect(text.baseAddress, length, content, nil, 1, &raw, chunks.baseAddress, 1)
                }
            }
        }
        return CLD2Result(
            top: [
                (code: Self.code(raw.languages.0), percent: Int(raw.percents.0), score: raw.scores.0),
                (code: Self.code(raw.languages.1), percent: Int(raw.percents.1), score: raw.scores.1),
                (code: Self.code(raw.languages.2), percent: Int(raw.percents.2), score: raw.scores.2),
            ],
            textBytes: Int(raw.text_bytes), isReliable: raw.reliable != 0, chunks: [])
    }

    /// Whether CLD2 knows `code` as a language (for validating hints in configs).
    public static func knows(_ code: String) -> Bool {
        code.withCString { tm_cld2_language_from_code($0) } != tm_cld2_unknown_language()
    }

    private static func code(_ language: Int32) -> String { String(cString: tm_cld2_language_code(language)) }
}

private func withOptionalCString<R>(_ s: String?, _ body: (UnsafePointer<CChar>?) -> R) -> R {
    guard let s else { return body(nil) }
    return s.withCString { body($0) }
}
