import TextmillJSON
import TextmillUnicode

/// Message-level features for chat traffic, as one `chat_features` object:
///
/// `characters` (Unicode scalars of the original text), `tokens` and `sentences` (as the
/// pipeline has them when this stage runs), `is_question` (a sentence, or the text, ends in a
/// question mark, before trailing spaces and emoji), `urls`, `emails`, `mentions`, `hashtags`
/// (`ChatPattern` on the original text), `emoji` (pictographic sequences: a ZWJ sequence, a
/// flag, a keycap or an emoji with its skin tone counts once), `digits` (Nd), `uppercase_ratio`
/// (uppercase letters / letters, 0 without letters), `script` (the most frequent ICU script
/// among letters, `Zyyy` without letters) and `scripts` (each script's share of the letters,
/// largest first). Computed on the original text, since normalization may have case-folded it.
public struct ChatFeatures: PipelineStage, StageDefinition {
    public static let typeName = "chat_features"
    public static let optionNames: [String] = []

    public init() {}

    public init(config r: ConfigReader) throws(ConfigError) {
        self.init()
    }

    public var resolvedOptions: [(String, JSONValue)] { [] }

    public var producedFields: [String] { ["chat_features"] }

    public func makeRunner() throws -> any StageRunner { Runner() }

    /// Question marks of the scripts chat is written in (a switch: a `Set` lookup hashes).
    @inline(__always)
    static func isQuestionMark(_ s: UInt32) -> Bool {
        switch s {
        case 0x3F, 0xFF1F, 0x061F, 0x037E, 0x2047, 0x2048, 0x2049, 0x203D, 0x1367, 0x055E: true
        default: false
        }
    }

    /// Per-runner character data, used through a local variable (no exclusivity checks in
    /// the loop): ICU's answers per BMP character are cached, since a message's characters
    /// repeat and each answer is several ICU calls.
    private struct Tally {
        static let known: UInt8 = 0x80, emoji: UInt8 = 1, digit: UInt8 = 2, letter: UInt8 = 4, upper: UInt8 = 8
        var classes: [UInt8] = []
        /// Script of each BMP scalar seen so far, as an index into `scriptNames` (+1; 0: unknown).
        var scriptIndex: [UInt8] = []
        var scriptNames: [String] = []
        var scriptCounts: [Int] = []
        /// Letters of the Common and Inherited scripts do not vote for the dominant script.
        var scriptVotes: [Bool] = []

        mutating func prepare() {
            if classes.isEmpty {
                classes = [UInt8](repeating: 0, count: 0x10000)
                scriptIndex = [UInt8](repeating: 0, count: 0x10000)
            }
            for k in scriptCounts.indices { scriptCounts[k] = 0 }
        }

        @inline(__always)
        mutating func classify(_ s: UInt32) -> UInt8 {
            if s < 0x10000 {
                let c = classes[Int(s)]
                if c != 0 { return c }
            }
            var c = Tally.known
            if CharacterProperties.isEmoji(s) { c |= Tally.emoji }
            if CharacterProperties.isDigit(s) { c |= Tally.digit }
            if let u = Unicode.Scalar(s), u.properties.isAlphabetic {
                c |= Tally.letter
                if CharacterProperties.isUppercase(s) { c |= Tally.upper }
            }
            if s < 0x10000 { classes[Int(s)] = c }
            return c
        }

        /// Counts `times` letters of the script of `s` (ASCII letters are tallied by the caller
        /// and counted once per document here: they are all `Latn`).
        mutating func count(script s: UInt32, times: Int = 1) {
            var index: Int
            if s < 0x10000, scriptIndex[Int(s)] > 0 {
                index = Int(scriptIndex[Int(s)]) - 1
            } else {
                let name = CharacterProperties.scriptCode(s)
                if let known = scriptNames.firstIndex(of: name) {
                    index = known
                } else {
                    scriptNames.append(name)
                    scriptCounts.append(0)
                    scriptVotes.append(name != "Zyyy" && name != "Zinh")
                    index = scriptNames.count - 1
                }
                if s < 0x10000 && index < 255 { scriptIndex[Int(s)] = UInt8(index + 1) }
            }
            if scriptVotes[index] { scriptCounts[index] += times }
        }
    }

    private final class Runner: StageRunner {
        var saved = Tally()
        /// What `isQuestion` does at each ASCII character (ICU's answers, asked once here): most
        /// sentences end in one, and the look-back then needs no ICU call.
        let asciiEnding: [QuestionStep] = (0..<0x80).map { Runner.step(at: UInt32($0)) }

        enum QuestionStep { case question, skip, stop }

        /// Whether `s` is a question mark, is looked past (trailing white space, emoji, closing
        /// quotes and brackets), or ends the look-back.
        static func step(at s: UInt32) -> QuestionStep {
            if ChatFeatures.isQuestionMark(s) { return .question }
            let skip = CharacterProperties.isWhitespace(s) || CharacterProperties.isEmoji(s) || s == 0xFE0F
                || s == 0x200D || s == 0x22 || s == 0x27 || s == 0x29 || s == 0xBB || s == 0x201D || s == 0x2019
                || (0x1F3FB...0x1F3FF).contains(s)
            return skip ? .skip : .stop
        }

        func run(_ analysis: Analysis) {
            var tally = Tally()
            swap(&tally, &saved)
            defer { swap(&tally, &saved) }
            tally.prepare()
            var characters = 0, digits = 0, letters = 0, upper = 0, emoji = 0, asciiLetters = 0
            var previous: UInt32 = 0
            var previousWasEmoji = false
            analysis.original.units.withUnsafeBufferPointer { units in
                var i = 0
                while i < units.count {
                    let (s, len) = scalar(at: i, in: units)
                    i += len
                    characters += 1
                    if s < 0x80 {
                        if s >= 0x30 && s <= 0x39 { digits += 1 }
                        let isUpper = s >= 0x41 && s <= 0x5A
                        if isUpper || (s >= 0x61 && s <= 0x7A) {
                            asciiLetters += 1
                            if isUpper { upper += 1 }
                        }
                        previous = s
                        previousWasEmoji = false
                        continue
                    }
                    let c = tally.classify(s)
                    if c & Tally.emoji != 0 {
                        let continues = previous == 0x200D
                            || (0x1F3FB...0x1F3FF).contains(s)
                            || (previousWasEmoji && (0x1F1E6...0x1F1FF).contains(s) && (0x1F1E6...0x1F1FF).contains(previous))
                        if !continues { emoji += 1 }
                        // A pair of regional indicators is one flag: the third starts a new one.
                        previousWasEmoji = !(continues && (0x1F1E6...0x1F1FF).contains(s))
                    } else if s == 0x20E3 {
                        emoji += 1  // keycap: its base (a digit, # or *) is not pictographic
                    } else if s != 0x200D && s != 0xFE0F {
                        previousWasEmoji = false
                    }
                    previous = s
                    if c & Tally.digit != 0 { digits += 1 }
                    guard c & Tally.letter != 0 else { continue }
                    letters += 1
                    if c & Tally.upper != 0 { upper += 1 }
                    tally.count(script: s)
                }
            }
            if asciiLetters > 0 {
                letters += asciiLetters
                tally.count(script: 0x61, times: asciiLetters)
            }
            let original = analysis.original.units
            let scriptNames = tally.scriptNames, scriptCounts = tally.scriptCounts
            var urls = 0, emails = 0, mentions = 0, hashtags = 0
            for match in original.withUnsafeBufferPointer({ ChatPattern.scan($0, kinds: ChatPattern.every) }) {
                switch match.kind {
                case .url: urls += 1
                case .email: emails += 1
                case .mention: mentions += 1
                case .hashtag: hashtags += 1
                }
            }
            var shares: [(key: String, value: FeatureValue)] = []
            var order = scriptCounts.indices.filter { scriptCounts[$0] > 0 }
            if order.count > 1 {
                order.sort { scriptCounts[$0] != scriptCounts[$1] ? scriptCounts[$0] > scriptCounts[$1] : scriptNames[$0] < scriptNames[$1] }
            }
            shares.reserveCapacity(order.count)
            for k in order { shares.append((scriptNames[k], .double(Double(scriptCounts[k]) / Double(letters)))) }
            let ratio: Double = letters == 0 ? 0 : Double(upper) / Double(letters)
            let dominant: String = order.first.map { scriptNames[$0] } ?? "Zyyy"
            var members: [(key: String, value: FeatureValue)] = []
            members.reserveCapacity(13)  // one allocation, not one per doubling
            members.append(("characters", .int(characters)))
            members.append(("tokens", .int(analysis.tokens.count)))
            members.append(("sentences", .int(analysis.sentences.count)))
            members.append(("is_question", .bool(isQuestion(analysis))))
            members.append(("urls", .int(urls)))
            members.append(("emails", .int(emails)))
            members.append(("mentions", .int(mentions)))
            members.append(("hashtags", .int(hashtags)))
            members.append(("emoji", .int(emoji)))
            members.append(("digits", .int(digits)))
            members.append(("uppercase_ratio", .double(ratio)))
            members.append(("script", .string(dominant)))
            members.append(("scripts", .object(shares)))
            analysis.features.append(("chat_features", .object(members)))
        }

        /// Whether a sentence (or the whole text) ends in a question mark, looking past
        /// trailing white space, closing quotes/brackets and emoji.
        private func isQuestion(_ analysis: Analysis) -> Bool {
            let units = analysis.original.units
            let sentences = analysis.sentences
            for k in 0...sentences.count {
                var i = k < sentences.count ? sentences[k].origin.upperBound : units.count
                while i > 0 {
                    var s = UInt32(units[i - 1])
                    var len = 1
                    if isTrailSurrogate(units[i - 1]), i >= 2, isLeadSurrogate(units[i - 2]) {
                        s = 0x10000 + ((UInt32(units[i - 2]) - 0xD800) << 10) + (s - 0xDC00)
                        len = 2
                    }
                    switch s < 0x80 ? asciiEnding[Int(s)] : Runner.step(at: s) {
                    case .question: return true
                    case .stop: break
                    case .skip:
                        i -= len
                        continue
                    }
                    break
                }
            }
            return false
        }
    }
}
