import TextmillJSON
import TextmillTestSupport

/// Random JSONL input for the differential tests: unicode soup (combining marks, emoji with
/// ZWJ and skin tones, RTL, CJK, Thai, lone-surrogate escapes, controls, BOMs), huge, empty and
/// blank lines, raw invalid UTF-8, and lines that are not documents at all (invalid JSON,
/// arrays, deep nesting, a missing or non-string text, duplicate keys).
struct GeneratedDocuments {
    /// The lines, without newlines.
    private(set) var lines: [[UInt8]] = []
    /// For each line, what `serve` must answer when the line is sent as a request's params.
    private(set) var served: [Served] = []

    enum Served {
        /// `run`'s record exactly (a result, or error −32001 carrying the error record).
        case sameRecord
        /// −32602: the server checks params before processing, where `run` writes
        /// `missing_text` or `text_not_string` records.
        case invalidParams
        /// Not sent: not a JSON object, or without an id (`run` numbers it by line, `serve` by position).
        case notSent
    }

    private static let pieces: [String] = [
        "a", "Straße", "ﬁ", "e\u{301}", "\u{1F469}\u{200D}\u{1F4BB}", "\u{1F44D}\u{1F3FD}", "\u{1F1E9}\u{1F1EA}", "שלום",
        "مرحبا", "東京都", "日本語の文", "ภาษาไทย", "한국어", "Привет", "İstanbul", "ǅ", "\u{00A0}", "\u{2028}", "\u{FEFF}",
        "don't", "3.14", "ＡＢＣ", "#tag", "@you", "http://ex.am/ple?q=1", "a@b.co", "...", "?!", "\t", " ", "  ",
        "\u{0301}", "\u{FFFD}", "\u{10FFFF}", "x\u{0000}y", "\u{7F}", "🏳️‍🌈", "ℌ", "Ⅻ", "½", "ß", "ΣΑΣ",
    ]

    init(count: Int, seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        for i in 1...count {
            let kind = Int.random(in: 0..<100, using: &rng)
            switch kind {
            case 0..<55: add(Self.object(id: i, text: Self.soup(words: Int.random(in: 0...40, using: &rng), &rng)), .sameRecord)
            case 55..<59: add(Self.object(id: i, text: Self.soup(words: Int.random(in: 2_000...12_000, using: &rng), &rng)), .sameRecord)
            case 59..<63: add([], .notSent)
            case 63..<65: add(Array("   \t ".utf8), .notSent)
            case 65..<70: add(Self.rawInvalidUTF8(id: i, &rng), .sameRecord)
            case 70..<74: add(Array(#"{"id":\#(i),"text":"lone \ud800 and \udc00 pair \ud83d\ude00 \u0000"}"#.utf8), .sameRecord)
            case 74..<77: add(Array(#"{"id":\#(i),"text":"unterminated"#.utf8), .notSent)
            case 77..<79: add(Array("[\(i), \"not an object\"]".utf8), .notSent)
            case 79..<81: add(Array(("{\"id\":\(i),\"text\":" + String(repeating: "[", count: 300)).utf8), .notSent)
            case 81..<84: add(Array(#"{"id":\#(i),"title":"no text"}"#.utf8), .invalidParams)
            case 84..<87: add(Array(#"{"id":\#(i),"text":\#(i * 7)}"#.utf8), .invalidParams)
            case 87..<90: add(Array(#"{"text":"no id here","x":[1,{"y":null}]}"#.utf8), .notSent)
            case 90..<93: add(Array(#"{"id":\#(i),"text":"first","text":"second \#(i)"}"#.utf8), .sameRecord)
            case 93..<96: add(Array("\u{FEFF}{\"id\":\(i),\"text\":\"after a BOM\"}".utf8), .notSent)
            default: add(Self.object(id: i, text: String(repeating: "\u{0301}", count: Int.random(in: 1...500, using: &rng))), .sameRecord)
            }
        }
    }

    private mutating func add(_ line: [UInt8], _ serve: Served) {
        lines.append(line)
        served.append(serve)
    }

    var jsonl: [UInt8] { lines.flatMap { $0 + [0x0A] } }

    private static func object(id: Int, text: String) -> [UInt8] {
        var w = JSONWriter()
        w.raw(#"{"id":"#)
        w.int(id)
        w.raw(#","text":"#)
        w.string(text)
        w.endObject()
        return w.bytes
    }

    private static func soup(words: Int, _ rng: inout SeededGenerator) -> String {
        var text = ""
        for _ in 0..<words {
            if Int.random(in: 0..<10, using: &rng) == 0 {
                // A random scalar from anywhere (surrogates excluded by Unicode.Scalar).
                if let scalar = Unicode.Scalar(UInt32.random(in: 1...0x10FFFF, using: &rng)) { text.unicodeScalars.append(scalar) }
            } else {
                text += pieces[Int.random(in: 0..<pieces.count, using: &rng)]
            }
            text += Int.random(in: 0..<4, using: &rng) == 0 ? "" : " "
        }
        return text
    }

    /// A document whose text holds raw bytes that are not UTF-8 (overlong, truncated, stray continuation).
    private static func rawInvalidUTF8(id: Int, _ rng: inout SeededGenerator) -> [UInt8] {
        let bad: [[UInt8]] = [[0xC0, 0xAF], [0xE2, 0x82], [0x80], [0xFF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]]
        var line = Array(#"{"id":\#(id),"text":"bad "#.utf8)
        for _ in 0..<Int.random(in: 1...5, using: &rng) {
            line += bad[Int.random(in: 0..<bad.count, using: &rng)] + Array(" ok ".utf8)
        }
        return line + Array(#""}"#.utf8)
    }
}
