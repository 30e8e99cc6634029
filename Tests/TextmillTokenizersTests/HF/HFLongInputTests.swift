import Testing
import TextmillTestSupport
#if canImport(Glibc)
import Glibc
#endif
@testable import TextmillTokenizers

/// Huge words (a document without spaces, one character repeated) are the known quadratic and
/// stack-overflow cases of the reference libraries. Every bundled tokenizer must encode them, with
/// time growing about linearly: 4× the input may cost at most ~10× the time (quadratic would be 16×).
/// Sizes are modest because tests run in debug builds; `make bench-tokenizers-hf` times 1 MB in a release build.
@Suite(.serialized) struct HFLongInputTests {
    static let names = ["byte-level-bpe", "wordpiece-bert", "llama-bpe", "unigram-metaspace"]

    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        var t0 = timespec(), t1 = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t0)
        try body()
        clock_gettime(CLOCK_MONOTONIC, &t1)
        return Double(t1.tv_sec - t0.tv_sec) + Double(t1.tv_nsec - t0.tv_nsec) / 1e9
    }

    static func noSpaces(_ n: Int) -> String {
        let words = ["tokenizer", "Straße", "naïve", "данные", "数据", "ข้อมูล", "🙂", "42", "^", "e\u{301}"]
        var s = ""
        var count = 0
        var i: UInt32 = 1
        while count < n {
            let w = words[Int(i % UInt32(words.count))]
            s += w
            count += w.unicodeScalars.count
            i = i &* 1_103_515_245 &+ 12_345
        }
        return s
    }

    @Test(arguments: names)
    func hugeWordsScaleLinearly(name: String) throws {
        let tokenizer = try TokenizerFile.load(path: Fixtures.path("models/tokenizers/\(name).json"), tiktokenPattern: nil)
        let encoder = tokenizer.makeEncoder()
        for make in [{ (n: Int) in String(repeating: "^", count: n) }, Self.noSpaces] {
            let small = make(8_000), large = make(32_000)
            var smallCount = 0, largeCount = 0
            var tSmall = Double.infinity, tLarge = Double.infinity
            for _ in 0 ..< 2 {
                tSmall = min(tSmall, try Self.seconds { smallCount = try encoder.encode(small).count })
                tLarge = min(tLarge, try Self.seconds { largeCount = try encoder.encode(large).count })
            }
            #expect(smallCount > 0 && largeCount >= smallCount)
            #expect(tLarge < max(10 * tSmall, 0.5), "\(name): 8k chars \(tSmall) s, 32k chars \(tLarge) s")
        }
    }

    /// One 250k-character run through the heap merge path (1 MB takes ~10 s in a debug build).
    @Test func aLongRunOfOneCharacterCompletes() throws {
        let tokenizer = try TokenizerFile.load(path: Fixtures.path("models/tokenizers/byte-level-bpe.json"), tiktokenPattern: nil)
        let encoding = try tokenizer.makeEncoder().encode(String(repeating: "^", count: 250_000))
        #expect(encoding.count > 100)
        #expect(encoding.offset(encoding.count - 1).upperBound == 250_000)
    }
}
