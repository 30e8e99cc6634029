import TextmillJSON

/// The conversation logic of `textmill chat`, apart from terminal handling so it can be driven
/// through a pipe: each input line is a command or a message, and gives the text to print.
final class ChatSession {
    private let backend: any ChatBackend
    private let faqEntries: [FAQEntry]?
    private var faq: FAQIndex?
    private let faqTerms: FAQTerms
    let threshold: Double
    let palette: TokenPalette
    private(set) var showJSON: Bool
    private var nextID = 1

    static let help = """
        Type a message to see what the pipeline makes of it, or a command:
          /json          toggle raw JSON records
          /preset NAME   switch to another preset (in-process only)
          /stats         processing statistics
          /jobs          the server's batch jobs (with --connect)
          /help          this help
          /quit          leave (also Ctrl-D)
        """

    init(backend: any ChatBackend, faq: [FAQEntry]?, threshold: Double, palette: TokenPalette, showJSON: Bool) throws {
        self.backend = backend
        self.faqEntries = faq
        self.threshold = threshold
        self.palette = palette
        self.showJSON = showJSON
        self.faqTerms = faq == nil ? FAQTerms(stopwordLists: []) : FAQTerms.shipped()
        try indexFAQ()
    }

    /// The FAQ questions and answers go through the current pipeline, so they are tokenized as messages are.
    private func indexFAQ() throws {
        guard let faqEntries else { return }
        let records = try backend.process(faqEntries.map(\.question) + faqEntries.map(\.answer), firstID: 1)
        let terms = records.map { faqTerms.terms(Self.terms($0.record)) }
        faq = FAQIndex(
            entries: faqEntries, questionTerms: Array(terms[..<faqEntries.count]),
            answerTerms: Array(terms[faqEntries.count...]))
    }

    /// What to print for `line`, and whether the session ends.
    func handle(_ line: String) -> (output: String?, quit: Bool) {
        let trimmed = line.trimmingSpaces
        if trimmed.isEmpty { return (nil, false) }
        if trimmed.hasPrefix("/") {
            let parts = trimmed.split(separator: " ", maxSplits: 1).map(String.init)
            switch parts[0] {
            case "/quit", "/exit": return (nil, true)
            case "/help": return (Self.help, false)
            case "/json":
                showJSON.toggle()
                return ("raw JSON records \(showJSON ? "on" : "off")", false)
            case "/stats":
                do { return (try backend.stats(), false) } catch { return ("error: \(error)", false) }
            case "/jobs":
                do { return (try backend.jobs(), false) } catch { return ("error: \(error)", false) }
            case "/preset":
                guard parts.count == 2 else { return ("usage: /preset NAME", false) }
                do {
                    try backend.usePreset(parts[1].trimmingSpaces)
                    try indexFAQ()
                    return ("now using \(backend.summary)", false)
                } catch {
                    return ("error: \(error)", false)
                }
            default:
                return ("unknown command \(parts[0]); /help lists them", false)
            }
        }
        let record: JSONValue
        let normalized: String?
        do {
            guard let first = try backend.process([line], firstID: nextID).first else { return ("error: no record came back", false) }
            (record, normalized) = first
        } catch {
            return ("error: \(error)", false)
        }
        nextID += 1
        return (render(record, normalized: normalized), false)
    }

    private func render(_ record: JSONValue, normalized: String?) -> String {
        var lines: [String] = []
        if let error = record["error"] {
            lines.append("error: \(error["code"]?.stringValue ?? "?"): \(error["message"]?.stringValue ?? "")")
            return lines.joined(separator: "\n")
        }
        if showJSON { lines.append(record.jsonText) }
        if !showJSON {
            if let normalized { lines.append("text:      \(normalized)") }
            let tokens = Self.tokens(record)
            let types = record["types"]?.arrayValue?.compactMap(\.stringValue)
            let shown = tokens.enumerated().map { i, token -> String in
                guard let types, i < types.count else { return token }
                return palette.enabled ? palette.paint(token, type: types[i]) : "\(token)/\(types[i])"
            }
            lines.append("tokens:    \(shown.joined(separator: " ")) (\(tokens.count))")
            if let sentences = record["sentences"]?.arrayValue {
                let spans = sentences.map { span -> String in
                    let bounds = span.arrayValue?.compactMap(\.intValue) ?? []
                    return bounds.count == 2 ? "[\(bounds[0]), \(bounds[1]))" : span.jsonText
                }
                lines.append("sentences: \(spans.joined(separator: " "))")
            }
            for (key, value) in record.objectValue ?? [] where !["id", "text", "tokens", "offsets", "types", "sentences"].contains(key) {
                lines.append("\(key): \(value.jsonText)")
            }
        }
        if let faq {
            let match = faq.best(for: faqTerms.terms(Self.terms(record)))
            if let match, match.score >= threshold {
                lines.append(palette.accent("answer (\(formatScore(match.score))):") + " " + match.entry.answer)
            } else if let match {
                lines.append(palette.accent("answer:") + " I don't know that one (best match \(formatScore(match.score)), below \(formatScore(threshold))). Try rephrasing, or /help.")
            } else {
                lines.append(palette.accent("answer:") + " I don't know that one (no FAQ question shares a content word with it). Try rephrasing, or /help.")
            }
        }
        return lines.joined(separator: "\n")
    }

    static func tokens(_ record: JSONValue) -> [String] {
        record["tokens"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    /// The tokens that carry meaning for FAQ matching: punctuation and symbols are left out when
    /// the pipeline types its tokens (a shared "?" says nothing about two questions).
    static func terms(_ record: JSONValue) -> [String] {
        let tokens = tokens(record)
        guard let types = record["types"]?.arrayValue?.compactMap(\.stringValue), types.count == tokens.count else {
            return tokens
        }
        return zip(tokens, types).filter { !["punctuation", "symbol", "whitespace"].contains($0.1) }.map(\.0)
    }

    private func formatScore(_ score: Double) -> String {
        let hundredths = Int((score * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
