import TextmillJSON
import TextmillPipeline

/// The `tokenizer` stage: LLM token ids from a HF `tokenizer.json` or a tiktoken rank file, exactly as the
/// reference library gives them. It encodes the current text (the original unless cleaners ran first), so
/// `offsets` point into the original text through the text's alignment, as every other stage's do.
///
/// Writes `ids` (also `Analysis.ids`, the payload of token shards), and when the output asks for them
/// `attention_mask`, `special_tokens_mask`, `type_ids`, and the tokens with their offsets (replacing the
/// document's tokens), so `tokens` and `offsets` are the model's.
public struct TokenizerStage: OutputAwareStage {
    public let tokenizer: any TextTokenizer
    public let options: EncodeOptions
    /// What the output spec reads; set by `adapted(to:)`.
    public private(set) var wantsTokens = false
    public private(set) var wantsOffsets = false
    public private(set) var wantsMasks = false

    public init(tokenizer: any TextTokenizer, options: EncodeOptions) {
        self.tokenizer = tokenizer
        self.options = options
    }

    public var producedFields: [String] { ["ids", "attention_mask", "special_tokens_mask", "type_ids"] }

    public func adapted(to output: OutputSpec) -> any PipelineStage {
        var stage = self
        stage.wantsTokens = output.fields.contains(.tokens)
        stage.wantsOffsets = output.fields.contains(.offsets)
        stage.wantsMasks = output.fields.contains { field in
            ["attention_mask", "special_tokens_mask", "type_ids"].contains(field.description)
        }
        return stage
    }

    public func makeRunner() throws -> any StageRunner { Runner(self) }

    /// Per-worker state: the encoder (caches), the UTF-8 copy of the text and the scalar → UTF-16 map.
    private final class Runner: StageRunner {
        let stage: TokenizerStage
        let encoder: any TokenEncoder
        var options: EncodeOptions
        var utf8: [UInt8] = []
        /// UTF-16 index (in the current text) where each scalar starts, plus the text's length.
        var scalarUnits: [Int32] = []
        var encoding = TokenEncoding()

        init(_ stage: TokenizerStage) {
            self.stage = stage
            encoder = stage.tokenizer.makeEncoder()
            options = stage.options
            options.withOffsets = options.withOffsets || stage.wantsOffsets || stage.wantsTokens
        }

        func run(_ analysis: Analysis) throws {
            let mapping = options.withOffsets
            transcode(analysis.text.units, mapping: mapping)
            try utf8.withUnsafeBufferPointer { try encoder.encode($0, options: options, into: &encoding) }
            analysis.features.append(("ids", .ints(encoding.ids.map { Int($0) })))
            analysis.ids.append(contentsOf: encoding.ids)
            if stage.wantsMasks {
                if encoding.attentionMask.count != encoding.ids.count { encoding.fillMasks(using: stage.tokenizer) }
                analysis.features.append(("attention_mask", .ints(encoding.attentionMask.map { Int($0) })))
                analysis.features.append(("special_tokens_mask", .ints(encoding.specialTokensMask.map { Int($0) })))
                analysis.features.append(("type_ids", .ints(encoding.typeIDs.map { Int($0) })))
            }
            if stage.wantsTokens || stage.wantsOffsets { writeTokens(analysis) }
        }

        /// UTF-16 → UTF-8 (lone surrogates become U+FFFD, as tiktoken and HF see them after Python's repair).
        private func transcode(_ units: [UInt16], mapping: Bool) {
            utf8.removeAll(keepingCapacity: true)
            scalarUnits.removeAll(keepingCapacity: true)
            utf8.reserveCapacity(units.count * 3)
            var i = 0
            let n = units.count
            while i < n {
                let u = UInt32(units[i])
                if mapping { scalarUnits.append(Int32(i)) }
                if u < 0x80 {
                    utf8.append(UInt8(u))
                    i += 1
                    continue
                }
                var scalar = u
                var width = 1
                if u >= 0xD800 && u < 0xDC00, i + 1 < n, units[i + 1] >= 0xDC00 && units[i + 1] < 0xE000 {
                    scalar = 0x10000 + ((u - 0xD800) << 10) + (UInt32(units[i + 1]) - 0xDC00)
                    width = 2
                } else if u >= 0xD800 && u < 0xE000 {
                    scalar = 0xFFFD
                }
                if scalar < 0x800 {
                    utf8.append(UInt8(0xC0 | scalar >> 6))
                    utf8.append(UInt8(0x80 | scalar & 0x3F))
                } else if scalar < 0x10000 {
                    utf8.append(UInt8(0xE0 | scalar >> 12))
                    utf8.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
                    utf8.append(UInt8(0x80 | scalar & 0x3F))
                } else {
                    utf8.append(UInt8(0xF0 | scalar >> 18))
                    utf8.append(UInt8(0x80 | (scalar >> 12) & 0x3F))
                    utf8.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
                    utf8.append(UInt8(0x80 | scalar & 0x3F))
                }
                i += width
            }
            if mapping { scalarUnits.append(Int32(n)) }
        }

        /// Replaces the document's tokens with the model's: token strings stored in `tokenText`, origin ranges
        /// mapped from scalar offsets in the current text to UTF-16 ranges of the original.
        private func writeTokens(_ analysis: Analysis) {
            analysis.tokens.removeAll(keepingCapacity: true)
            analysis.tokenText.removeAll(keepingCapacity: true)
            let text = analysis.text
            let hasOffsets = encoding.hasOffsets
            for index in 0 ..< encoding.ids.count {
                let id = encoding.ids[index]
                let start = analysis.tokenText.count
                if stage.wantsTokens, let string = stage.tokenizer.token(id) { analysis.tokenText.append(contentsOf: string.utf16) }
                var origin = 0 ..< 0
                if hasOffsets {
                    let range = encoding.offset(index)
                    let first = Int(scalarUnits[min(range.lowerBound, scalarUnits.count - 1)])
                    let last = Int(scalarUnits[min(range.upperBound, scalarUnits.count - 1)])
                    if last > first {
                        origin = Int(text.originStart(at: first)) ..< Int(text.originEnd(at: last - 1))
                    } else if first < text.count {
                        origin = Int(text.originStart(at: first)) ..< Int(text.originStart(at: first))
                    } else if first > 0 {
                        origin = Int(text.originEnd(at: first - 1)) ..< Int(text.originEnd(at: first - 1))
                    }
                }
                let special = stage.tokenizer.isSpecial(id)
                analysis.tokens.append(Token(start: start, end: analysis.tokenText.count, origin: origin,
                                             type: special ? .symbol : .word, isStored: true))
            }
        }
    }
}

extension TokenizerStage {
    /// `{"type": "tokenizer", "file": …, "tiktoken_pattern": …, "add_special_tokens": …, "allowed_special": …,
    /// "max_length": …}`; the file is loaded once per process when the stage is built.
    public struct Definition: StageDefinition {
        public static let typeName = "tokenizer"
        public static let optionNames = ["file", "tiktoken_pattern", "add_special_tokens", "allowed_special", "max_length"]
        public let file: String
        public let path: String
        public let tiktokenPattern: String?
        public let addSpecialTokens: Bool
        public let allowedSpecial: AllowedSpecial
        public let maxLength: Int?

        public init(config r: ConfigReader) throws(ConfigError) {
            (file, path) = try r.modelFile("file")
            tiktokenPattern = r.value("tiktoken_pattern") == .null ? nil : try r.optionalString("tiktoken_pattern")
            addSpecialTokens = try r.bool("add_special_tokens", default: true)
            if let list = r.value("allowed_special")?.arrayValue {
                var set = Set<String>()
                for item in list {
                    guard let text = item.stringValue else { throw r.fail("allowed_special", "must be \"none\", \"all\" or a list of strings") }
                    set.insert(text)
                }
                allowedSpecial = .only(set)
            } else {
                let text = try r.string("allowed_special", default: "none")
                guard text == "none" || text == "all" else {
                    throw r.fail("allowed_special", "must be \"none\", \"all\" or a list of special-token strings, not \"\(text)\"")
                }
                allowedSpecial = AllowedSpecial(parsing: text)
            }
            maxLength = try r.optionalInt("max_length", range: 1 ... 100_000_000)
            if let tiktokenPattern {
                do { _ = try TiktokenPattern(spelling: tiktokenPattern) } catch {
                    throw r.fail("tiktoken_pattern", "\(error)")
                }
            }
        }

        public var resolvedOptions: [(String, JSONValue)] {
            let allowed: JSONValue
            switch allowedSpecial {
            case .none: allowed = .string("none")
            case .all: allowed = .string("all")
            case .only(let set): allowed = .array(set.sorted().map { .string($0) })
            }
            return [
                ("file", .string(file)), ("tiktoken_pattern", tiktokenPattern.map { .string($0) } ?? .null),
                ("add_special_tokens", .bool(addSpecialTokens)), ("allowed_special", allowed),
                ("max_length", maxLength.map(JSONValue.integer) ?? .null),
            ]
        }

        public var modelFiles: [String] { [file] }

        public func makeStage() throws -> any PipelineStage {
            let tokenizer = try TokenizerFile.load(path: path, tiktokenPattern: tiktokenPattern)
            let truncation: TruncationSetting = maxLength.map { .limit(maxLength: $0, fromLeft: false) } ?? .tokenizerDefault
            return TokenizerStage(tokenizer: tokenizer, options: EncodeOptions(
                addSpecialTokens: addSpecialTokens, allowedSpecial: allowedSpecial, truncation: truncation))
        }
    }
}
