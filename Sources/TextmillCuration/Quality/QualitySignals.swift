import TextmillPipeline

/// The published quality heuristics of one document, as values (so they can be inspected before
/// filtering): Gopher quality and repetition, C4 and FineWeb, each as datatrove computes it, with
/// the pipeline's ICU tokens as the words. Ratios are 0 where their denominator is.
public struct QualitySignals: Sendable, Equatable {
    // Gopher quality
    /// Words that are not only punctuation (`n_non_symbol_words`).
    public var gopherWords = 0
    public var gopherMeanWordLength = 0.0
    /// `#` per word, and `...`/`…` per word (all words, symbols included).
    public var gopherHashRatio = 0.0
    public var gopherEllipsisRatio = 0.0
    /// Lines starting with `•` or `-`; lines ending with `...` or `…`.
    public var gopherBulletLinesRatio = 0.0
    public var gopherEllipsisLinesRatio = 0.0
    /// Words with at least one letter.
    public var gopherAlphaWordsRatio = 0.0
    /// Distinct stop words present (exact, case-sensitive match, as datatrove).
    public var gopherStopWords = 0

    // Gopher repetition
    public var duplicateParagraphFraction = 0.0
    public var duplicateParagraphCharFraction = 0.0
    public var duplicateLineFraction = 0.0
    public var duplicateLineCharFraction = 0.0
    /// Characters of the most frequent n-gram times its count, over the text's characters (n = 2, 3, 4).
    public var topNGramCharFraction: [Int: Double] = [:]
    /// Characters in repeated n-grams over the text's characters (n = 5…10).
    public var duplicateNGramCharFraction: [Int: Double] = [:]

    // C4
    /// Sentences in the lines C4 keeps (ICU sentence breaks).
    public var c4Sentences = 0
    public var c4LoremIpsum = false
    public var c4CurlyBracket = false
    public var c4LinesKept = 0
    public var c4Lines = 0

    // FineWeb
    public var finewebLinePunctuationRatio = 0.0
    public var finewebShortLineRatio = 0.0
    public var finewebCharDuplicatesRatio = 0.0
    /// Newlines per word.
    public var finewebNewlineRatio = 0.0
    /// Whether the text has no non-blank line (FineWeb's `empty`).
    public var empty = true

    public init() {}

    public static let topNGramSizes = [2, 3, 4]
    public static let duplicateNGramSizes = [5, 6, 7, 8, 9, 10]

    /// As a record field: one flat object, keys named after datatrove's options.
    public var fields: [(key: String, value: FeatureValue)] {
        var out: [(key: String, value: FeatureValue)] = [
            ("gopher_words", .int(gopherWords)), ("gopher_mean_word_length", .double(gopherMeanWordLength)),
            ("gopher_hash_ratio", .double(gopherHashRatio)), ("gopher_ellipsis_ratio", .double(gopherEllipsisRatio)),
            ("gopher_bullet_lines_ratio", .double(gopherBulletLinesRatio)),
            ("gopher_ellipsis_lines_ratio", .double(gopherEllipsisLinesRatio)),
            ("gopher_alpha_words_ratio", .double(gopherAlphaWordsRatio)), ("gopher_stop_words", .int(gopherStopWords)),
            ("dup_para_frac", .double(duplicateParagraphFraction)), ("dup_para_char_frac", .double(duplicateParagraphCharFraction)),
            ("dup_line_frac", .double(duplicateLineFraction)), ("dup_line_char_frac", .double(duplicateLineCharFraction)),
        ]
        for n in Self.topNGramSizes { out.append(("top_\(n)_gram_char_frac", .double(topNGramCharFraction[n] ?? 0))) }
        for n in Self.duplicateNGramSizes { out.append(("dup_\(n)_gram_char_frac", .double(duplicateNGramCharFraction[n] ?? 0))) }
        out += [
            ("c4_sentences", .int(c4Sentences)), ("c4_lorem_ipsum", .bool(c4LoremIpsum)),
            ("c4_curly_bracket", .bool(c4CurlyBracket)), ("c4_lines_kept", .int(c4LinesKept)), ("c4_lines", .int(c4Lines)),
            ("fineweb_line_punct_ratio", .double(finewebLinePunctuationRatio)),
            ("fineweb_short_line_ratio", .double(finewebShortLineRatio)),
            ("fineweb_char_dup_ratio", .double(finewebCharDuplicatesRatio)),
            ("fineweb_list_ratio", .double(finewebNewlineRatio)), ("fineweb_empty", .bool(empty)),
        ]
        return out
    }
}
