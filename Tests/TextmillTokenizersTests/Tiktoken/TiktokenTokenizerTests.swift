import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import TextmillTokenizers

/// A tiktoken encoding built from a hand-made rank file: recognition, merging, the whole-piece shortcut,
/// special tokens, offsets, decoding and the errors for bad files.
@Suite struct TiktokenTokenizerTests {
    /// Every single byte (rank = byte value), then `he` 256, `ll` 257, `hell` 258, `llo` 259, ` w` 260, `or` 261.
    static func rankFile(extra: [(String, Int)] = []) -> [UInt8] {
        var lines: [String] = (0 ..< 256).map { "\(base64([UInt8($0)])) \($0)" }
        let merged = [("he", 256), ("ll", 257), ("hell", 258), ("llo", 259), (" w", 260), ("or", 261)] + extra
        for (text, rank) in merged { lines.append("\(base64(Array(text.utf8))) \(rank)") }
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var out = ""
        var i = 0
        while i < bytes.count {
            let chunk = Array(bytes[i ..< min(i + 3, bytes.count)])
            let value = chunk.enumerated().reduce(0) { $0 | Int($1.element) << (16 - 8 * $1.offset) }
            for k in 0 ..< 4 {
                out.append(k <= chunk.count ? alphabet[(value >> (18 - 6 * k)) & 63] : "=")
            }
            i += 3
        }
        return out
    }

    static func tokenizer(_ pattern: String = "gpt2", extra: [(String, Int)] = []) throws -> any TextTokenizer {
        try TokenizerFile.load(bytes: rankFile(extra: extra), path: "toy.tiktoken", tiktokenPattern: pattern)
    }

    @Test func recognisesFileKinds() throws {
        #expect(try TokenizerFile.kind(of: Array(" {\"model\": {}}".utf8), path: "t.json") == .huggingFace)
        #expect(try TokenizerFile.kind(of: Array("IQ== 0\nIg== 1\n".utf8), path: "r.tiktoken") == .tiktoken)
        #expect(throws: TokenizerError.invalidFile(path: "x.txt", line: 1, message:
            "not a tokenizer file: expected a tokenizer.json object or tiktoken `base64-token rank` lines")) {
            try TokenizerFile.kind(of: Array("hello world\n".utf8), path: "x.txt")
        }
        #expect(throws: TokenizerError.self) { try TokenizerFile.kind(of: [], path: "empty") }
    }

    @Test func rankFileErrorsNameTheLine() {
        var bytes = Self.rankFile()
        bytes += Array("!!notbase64 300\n".utf8)
        #expect(throws: TokenizerError.invalidFile(path: "bad.tiktoken", line: 263, message: "invalid base64 token")) {
            try TokenizerFile.load(bytes: bytes, path: "bad.tiktoken", tiktokenPattern: "gpt2")
        }
        let duplicate = Self.rankFile(extra: [("he", 300)])
        #expect(throws: TokenizerError.self) { try TokenizerFile.load(bytes: duplicate, path: "d", tiktokenPattern: "gpt2") }
        let missingByte = Array(Self.rankFile().split(separator: 0x0A).dropFirst().joined(separator: [0x0A]))
        #expect(throws: TokenizerError.self) { try TokenizerFile.load(bytes: missingByte, path: "m", tiktokenPattern: "gpt2") }
    }

    @Test func patternNamesAndLiterals() throws {
        #expect(try TiktokenPattern(spelling: "cl100k_base").specialTokens["<|endoftext|>"] == 100257)
        #expect(try TiktokenPattern(spelling: "cl100k_base").scanner == .cl100k)
        #expect(try TiktokenPattern(spelling: #"\w+|\s+"#).scanner == nil)
        #expect(throws: TokenizerError.self) { try TiktokenPattern(spelling: "cl200k_base") }
        #expect(throws: TokenizerError.self) { try Self.tokenizer(#"(unclosed"#) }
        #expect(TiktokenPattern.inferred(fromFileName: "/x/cl100k_base.tiktoken")?.name == "cl100k_base")
        #expect(throws: TokenizerError.self) {
            try TokenizerFile.load(bytes: Self.rankFile(), path: "toy.tiktoken", tiktokenPattern: nil)
        }
    }

    @Test func mergesAndWholePieceShortcut() throws {
        let encoder = try Self.tokenizer().makeEncoder()
        // "hello" is not a token: bytes merge he(256) ll(257) → he, llo? ranks: he 256 < ll 257 < hell 258 < llo 259.
        // h e l l o → he l l o → he ll o → hell o (258, before llo 259) → [258, 111].
        #expect(try encoder.encode("hello").ids == [258, 111])
        // " world" → " w"(260) or(261) l d.
        #expect(try encoder.encode("hello world").ids == [258, 111, 260, 261, 108, 100])
        // A piece that is itself a token is taken whole even if merging would not make it: "llo".
        #expect(try encoder.encode("llo").ids == [259])
        // Cached second time round gives the same.
        #expect(try encoder.encode("hello hello").ids == [258, 111, 32, 258, 111])
    }

    @Test func specialTokensFollowAllowedSpecial() throws {
        let tokenizer = try Self.tokenizer()
        let encoder = tokenizer.makeEncoder()
        let text = "he<|endoftext|>he"
        let ordinary = try encoder.encode(text).ids
        #expect(!ordinary.contains(50256))
        #expect(try encoder.encode(text, options: EncodeOptions(allowedSpecial: .all)).ids == [256, 50256, 256])
        #expect(try encoder.encode(text, options: EncodeOptions(allowedSpecial: .only(["<|x|>"]))).ids == ordinary)
        #expect(tokenizer.endOfTextID == 50256)
        #expect(tokenizer.isSpecial(50256) && !tokenizer.isSpecial(256))
        #expect(tokenizer.vocabularySize == 50257)
    }

    @Test func decodeAndTokenStrings() throws {
        let tokenizer = try Self.tokenizer()
        let ids = try tokenizer.makeEncoder().encode("hello wörld", options: EncodeOptions(allowedSpecial: .all)).ids
        #expect(String(decoding: tokenizer.decode(ids + [50256], skipSpecialTokens: false), as: UTF8.self) == "hello wörld<|endoftext|>")
        #expect(String(decoding: tokenizer.decode(ids + [50256], skipSpecialTokens: true), as: UTF8.self) == "hello wörld")
        #expect(tokenizer.token(258) == "hell")
        #expect(tokenizer.tokenID("llo") == 259)
        #expect(tokenizer.token(0xC3) == "\u{FFFD}")  // a lone lead byte
        #expect(tokenizer.token(999_999) == nil)
    }

    @Test func offsetsAreScalarIndicesCoveringSplitCharacters() throws {
        let encoder = try Self.tokenizer().makeEncoder()
        // "é" is two byte tokens, both inside scalar 1; "😀" four byte tokens inside scalar 3.
        let encoding = try encoder.encode("hé 😀", options: EncodeOptions(withOffsets: true))
        #expect(encoding.ids == [104, 0xC3, 0xA9, 32, 0xF0, 0x9F, 0x98, 0x80])
        #expect(encoding.offsets == [0, 1, 1, 2, 1, 2, 2, 3, 3, 4, 3, 4, 3, 4, 3, 4])
    }

    @Test func truncationKeepsTheRequestedEnd() throws {
        let encoder = try Self.tokenizer().makeEncoder()
        let options = EncodeOptions(truncation: .limit(maxLength: 2, fromLeft: false), withOffsets: true)
        let encoding = try encoder.encode("hello world", options: options)
        #expect(encoding.ids == [258, 111])
        #expect(encoding.offsets == [0, 4, 4, 5])
        #expect(encoding.truncatedCount == 4)
        let left = try encoder.encode("hello world", options: EncodeOptions(truncation: .limit(maxLength: 2, fromLeft: true)))
        #expect(left.ids == [108, 100])
    }

    /// A megabyte of one character (the known failure of tiktoken and HF, which take quadratic time on it):
    /// one piece, merged by the heap loop, in under a second of this thread's CPU time (the module is
    /// optimized in debug builds too; thread CPU time, so parallel tests and a busy machine do not count).
    @Test(.timeLimit(.minutes(2))) func oneMegabyteOfOneCharacterUnderASecond() throws {
        var extra: [(String, Int)] = []
        var piece = "^"
        for level in 0 ..< 12 { piece += piece; extra.append((piece, 300 + level)) }
        let tokenizer = try Self.tokenizer("cl100k_base", extra: extra)
        let encoder = tokenizer.makeEncoder()
        let carets = String(repeating: "^", count: 1 << 20)
        let letters = String(repeating: "a", count: 1 << 20)
        var ids: [UInt32] = [], letterIDs: [UInt32] = []
        let caretSeconds = try Self.threadCPUSeconds { ids = try encoder.encode(carets).ids }
        let letterSeconds = try Self.threadCPUSeconds { letterIDs = try encoder.encode(letters).ids }
        #expect(ids == [UInt32](repeating: 311, count: 256))  // 1 MiB / 4096 bytes per top-level token
        #expect(letterIDs.count == 1 << 20)
        #expect(caretSeconds < 1.0)
        #expect(letterSeconds < 1.0)
    }

    static func threadCPUSeconds(_ body: () throws -> Void) rethrows -> Double {
        var start = timespec(), end = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
        try body()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
        return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
    }
}
