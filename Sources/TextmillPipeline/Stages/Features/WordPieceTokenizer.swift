import TextmillJSON
/// BERT WordPiece tokenization, identical to HuggingFace `tokenizers`' `BertWordPieceTokenizer`:
/// ids, tokens and offsets into the original text.
///
/// Steps, as HF runs them: the vocabulary's special tokens (`[CLS]`, `[MASK]`, …) found
/// literally in the text become single tokens; the rest goes through BERT's normalizer and
/// pre-tokenizer (`BertCharacterTable`: clean text, isolate CJK ideographs, strip accents,
/// lowercase, split on white space and punctuation); each word is split greedily, longest
/// match first, with `##` continuations; a word longer than `maxInputCharsPerWord` characters
/// (after normalization) or with any unmatched position becomes one `[UNK]`. Then
/// `[CLS] … [SEP]`, truncation to `maxLength` (content first, `[SEP]` kept) and optional padding.
///
/// Replaces the document's tokens with the subword tokens (so `tokens` and `offsets` are
/// WordPiece's) and adds `ids`, `attention_mask`, `type_ids` and `special_tokens_mask`.
public struct WordPieceTokenizer: PipelineStage {
    public struct Options: Sendable, Equatable {
        public var lowercase = true
        /// nil: follow `lowercase` (HF's default).
        public var stripAccents: Bool? = nil
        public var maxInputCharsPerWord = 100
        public var continuationPrefix = "##"
        public var unkToken = "[UNK]"
        public var clsToken = "[CLS]"
        public var sepToken = "[SEP]"
        public var padToken = "[PAD]"
        public var maskToken = "[MASK]"
        public var addSpecialTokens = true
        /// Truncate to this many tokens, specials included.
        public var maxLength: Int? = nil
        /// Pad with `[PAD]` to `maxLength`.
        public var padding = false

        public init() {}
    }

    public let vocabulary: WordPieceVocabulary
    public let options: Options
    private let table: BertCharacterTable
    private let unkID: Int32, clsID: Int32, sepID: Int32, padID: Int32
    private let continuationRoot: Int32
    /// Special tokens matched literally in the text: (UTF-16, id).
    private let literalSpecials: [([UInt16], Int32)]

    public struct SetupError: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    public init(vocabulary: WordPieceVocabulary, options: Options = Options()) throws {
        self.vocabulary = vocabulary
        self.options = options
        table = try BertCharacterTable.shared(
            lowercase: options.lowercase, stripAccents: options.stripAccents ?? options.lowercase)
        func required(_ token: String, _ why: String) throws -> Int32 {
            guard let id = vocabulary.id(of: token) else {
                throw SetupError(description: "the vocabulary has no \(token) token (\(why))")
            }
            return Int32(id)
        }
        unkID = try required(options.unkToken, "needed for unknown words")
        clsID = options.addSpecialTokens ? try required(options.clsToken, "add_special_tokens") : -1
        sepID = options.addSpecialTokens ? try required(options.sepToken, "add_special_tokens") : -1
        padID = options.padding ? try required(options.padToken, "padding") : -1
        if options.padding && options.maxLength == nil {
            throw SetupError(description: "padding needs max_length")
        }
        if let max = options.maxLength, options.addSpecialTokens && max < 2 {
            throw SetupError(description: "max_length \(max) leaves no room for [CLS] and [SEP]")
        }
        continuationRoot = options.continuationPrefix.isEmpty
            ? WordPieceVocabulary.root : vocabulary.node(for: options.continuationPrefix)
        // HF registers these as special tokens when the vocabulary has them, in this order.
        var specials: [([UInt16], Int32)] = []
        for token in [options.unkToken, options.sepToken, options.clsToken, options.padToken, options.maskToken] {
            if let id = vocabulary.id(of: token), !token.isEmpty { specials.append((Array(token.utf16), Int32(id))) }
        }
        literalSpecials = specials
    }

    public var producedFields: [String] { ["ids", "attention_mask", "type_ids", "special_tokens_mask"] }

    public func makeRunner() throws -> any StageRunner { Runner(self) }

    /// Per-document working buffers. A struct used through a local variable, so the hot loop
    /// pays no dynamic exclusivity checks (class properties mutated in closures cost ~half
    /// the run time when this lived in the runner class).
    private struct Work {
        /// The normalized characters of the current word (flags stripped) and their origins.
        var chars: [UInt32] = []
        var charStart: [Int32] = []
        var charEnd: [Int32] = []
        /// The document's pieces so far: vocabulary ids and original UTF-16 ranges.
        var ids: [Int32] = []
        var originStart: [Int32] = []
        var originEnd: [Int32] = []

        mutating func reset() {
            chars.removeAll(keepingCapacity: true)
            charStart.removeAll(keepingCapacity: true)
            charEnd.removeAll(keepingCapacity: true)
            ids.removeAll(keepingCapacity: true)
            originStart.removeAll(keepingCapacity: true)
            originEnd.removeAll(keepingCapacity: true)
        }

        @inline(__always)
        mutating func append(_ c: UInt32, _ start: Int32, _ end: Int32) {
            chars.append(c)
            charStart.append(start)
            charEnd.append(end)
        }

        @inline(__always)
        mutating func piece(_ id: Int32, _ start: Int32, _ end: Int32) {
            ids.append(id)
            originStart.append(start)
            originEnd.append(end)
        }

        /// Splits the collected word into pieces (greedy longest match first) and clears it.
        mutating func flushWord(_ stage: WordPieceTokenizer) {
            let n = chars.count
            if n == 0 { return }
            defer {
                chars.removeAll(keepingCapacity: true)
                charStart.removeAll(keepingCapacity: true)
                charEnd.removeAll(keepingCapacity: true)
            }
            let wordStart = charStart[0], wordEnd = charEnd[n - 1]
            if n > stage.options.maxInputCharsPerWord {
                piece(stage.unkID, wordStart, wordEnd)
                return
            }
            let vocabulary = stage.vocabulary
            let mark = ids.count
            let matched: Bool = chars.withUnsafeBufferPointer { chars in
                var start = 0
                while start < n {
                    var node = start == 0 ? WordPieceVocabulary.root : stage.continuationRoot
                    var bestEnd = -1
                    var bestID: Int32 = -1
                    var k = start
                    while node >= 0 && k < n {
                        node = vocabulary.child(of: node, chars[k])
                        k += 1
                        if node >= 0 {
                            let id = vocabulary.tokenID(at: node)
                            if id >= 0 {
                                bestEnd = k
                                bestID = id
                            }
                        }
                    }
                    if bestEnd < 0 { return false }
                    piece(bestID, charStart[start], charEnd[bestEnd - 1])
                    start = bestEnd
                }
                return true
            }
            if !matched {
                // One unmatched position makes the whole word [UNK].
                ids.removeSubrange(mark...)
                originStart.removeSubrange(mark...)
                originEnd.removeSubrange(mark...)
                piece(stage.unkID, wordStart, wordEnd)
            }
        }
    }

    private final class Runner: StageRunner {
        let stage: WordPieceTokenizer
        var work = Work()
        /// BERT's mapping of the astral characters seen by this runner (emoji, math letters).
        var astral: [UInt32: (Bool, [UInt32])] = [:]

        init(_ stage: WordPieceTokenizer) { self.stage = stage }

        func run(_ analysis: Analysis) {
            var work = Work()
            var astral: [UInt32: (Bool, [UInt32])] = [:]
            swap(&work, &self.work)
            swap(&astral, &self.astral)
            work.reset()
            analysis.text.storeOrigins()
            analysis.text.units.withUnsafeBufferPointer { units in
                analysis.text.withOrigins { oStart, oEnd in
                    Self.tokenize(stage, units, oStart, oEnd, &work, &astral)
                }
            }
            finish(analysis, work)
            swap(&work, &self.work)
            swap(&astral, &self.astral)
        }

        private static func tokenize(
            _ stage: WordPieceTokenizer, _ units: UnsafeBufferPointer<UInt16>, _ oStart: UnsafeBufferPointer<Int32>,
            _ oEnd: UnsafeBufferPointer<Int32>, _ work: inout Work, _ astral: inout [UInt32: (Bool, [UInt32])]
        ) {
            let table = stage.table
            var i = 0
            while i < units.count {
                if units[i] == 0x5B, let (length, id) = special(stage, at: i, units) {  // "["
                    work.flushWord(stage)
                    work.piece(id, oStart[i], oEnd[i + length - 1])
                    i += length
                    continue
                }
                let (s, len) = scalar(at: i, in: units)
                let start = oStart[i], end = oEnd[i + len - 1]
                i += len
                let kept = table.map(s, astralCache: &astral) { c in
                    if c & BertCharacterTable.isolated != 0 {
                        work.flushWord(stage)
                        work.append(c & BertCharacterTable.scalarMask, start, end)
                        work.flushWord(stage)
                    } else {
                        work.append(c, start, end)
                    }
                }
                if !kept { work.flushWord(stage) }
            }
            work.flushWord(stage)
        }

        @inline(__always)
        private static func special(_ stage: WordPieceTokenizer, at i: Int, _ units: UnsafeBufferPointer<UInt16>) -> (Int, Int32)? {
            var best: (Int, Int32)? = nil
            for (token, id) in stage.literalSpecials where token.count <= units.count - i {
                var k = 0
                while k < token.count && units[i + k] == token[k] { k += 1 }
                if k == token.count && token.count > (best?.0 ?? 0) { best = (token.count, id) }
            }
            return best
        }

        private func finish(_ analysis: Analysis, _ work: Work) {
            let options = stage.options
            let specials = options.addSpecialTokens ? 2 : 0
            var content = work.ids.count
            if let max = options.maxLength, content + specials > max { content = max - specials }
            let total = max(content + specials, options.padding ? options.maxLength ?? 0 : 0)
            var outIDs: [Int] = []
            var mask: [Int] = []
            var specialMask: [Int] = []
            outIDs.reserveCapacity(total)
            mask.reserveCapacity(total)
            specialMask.reserveCapacity(total)
            var tokens: [Token] = []
            var tokenText: [UInt16] = []
            swap(&tokens, &analysis.tokens)
            swap(&tokenText, &analysis.tokenText)
            tokens.removeAll(keepingCapacity: true)
            let vocabulary = stage.vocabulary
            func add(_ id: Int32, _ originStart: Int32, _ originEnd: Int32, special: Bool, attended: Bool = true) {
                let start = tokenText.count
                vocabulary.withUnits(of: Int(id)) { tokenText.append(contentsOf: $0) }
                var token = Token(
                    start: start, end: tokenText.count, origin: 0..<0, type: special ? .symbol : .word, isStored: true)
                token.originStart = originStart
                token.originEnd = originEnd
                tokens.append(token)
                outIDs.append(Int(id))
                mask.append(attended ? 1 : 0)
                specialMask.append(special ? 1 : 0)
            }
            if options.addSpecialTokens { add(stage.clsID, 0, 0, special: true) }
            for k in 0..<content { add(work.ids[k], work.originStart[k], work.originEnd[k], special: false) }
            if options.addSpecialTokens { add(stage.sepID, 0, 0, special: true) }
            while outIDs.count < total { add(stage.padID, 0, 0, special: true, attended: false) }
            swap(&tokens, &analysis.tokens)
            swap(&tokenText, &analysis.tokenText)
            analysis.features.append(("ids", .ints(outIDs)))
            analysis.ids.append(contentsOf: outIDs.lazy.map { UInt32(truncatingIfNeeded: $0) })
            analysis.features.append(("attention_mask", .ints(mask)))
            analysis.features.append(("type_ids", .ints([Int](repeating: 0, count: outIDs.count))))
            analysis.features.append(("special_tokens_mask", .ints(specialMask)))
        }
    }
}

extension WordPieceTokenizer {
    /// `{"type": "wordpiece", "vocab": "vocab.txt", …}`: the config side of the stage; the
    /// vocabulary is read when the stage is built.
    public struct Definition: StageDefinition {
        public static let typeName = "wordpiece"
        public static let optionNames = [
            "vocab", "lowercase", "strip_accents", "max_input_chars_per_word", "continuation_prefix",
            "unk_token", "cls_token", "sep_token", "pad_token", "mask_token", "add_special_tokens", "max_length",
            "padding",
        ]
        /// As written in the config, and where it is.
        public let vocab: String
        public let vocabPath: String
        public let options: Options

        public init(config r: ConfigReader) throws(ConfigError) {
            var o = Options()
            o.lowercase = try r.bool("lowercase", default: true)
            o.stripAccents = try r.optionalBool("strip_accents")
            o.maxInputCharsPerWord = try r.int("max_input_chars_per_word", default: 100, range: 1...1_000_000)
            o.continuationPrefix = try r.string("continuation_prefix", default: "##")
            o.unkToken = try r.string("unk_token", default: "[UNK]")
            o.clsToken = try r.string("cls_token", default: "[CLS]")
            o.sepToken = try r.string("sep_token", default: "[SEP]")
            o.padToken = try r.string("pad_token", default: "[PAD]")
            o.maskToken = try r.string("mask_token", default: "[MASK]")
            o.addSpecialTokens = try r.bool("add_special_tokens", default: true)
            o.maxLength = try r.optionalInt("max_length", range: 1...1_000_000)
            o.padding = try r.bool("padding", default: false)
            if o.padding && o.maxLength == nil { throw r.fail("padding", "true needs max_length") }
            (vocab, vocabPath) = try r.modelFile("vocab")
            options = o
        }

        public var resolvedOptions: [(String, JSONValue)] {
            [
                ("vocab", .string(vocab)), ("lowercase", .bool(options.lowercase)),
                ("strip_accents", .bool(options.stripAccents ?? options.lowercase)),
                ("max_input_chars_per_word", .integer(options.maxInputCharsPerWord)),
                ("continuation_prefix", .string(options.continuationPrefix)), ("unk_token", .string(options.unkToken)),
                ("cls_token", .string(options.clsToken)), ("sep_token", .string(options.sepToken)),
                ("pad_token", .string(options.padToken)), ("mask_token", .string(options.maskToken)),
                ("add_special_tokens", .bool(options.addSpecialTokens)),
                ("max_length", options.maxLength.map(JSONValue.integer) ?? .null), ("padding", .bool(options.padding)),
            ]
        }

        public var modelFiles: [String] { [vocab] }

        public func makeStage() throws -> any PipelineStage {
            try WordPieceTokenizer(vocabulary: WordPieceVocabulary(bytes: FileBytes.read(vocabPath)), options: options)
        }
    }
}
