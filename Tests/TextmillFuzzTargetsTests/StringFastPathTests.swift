import Testing
import TextmillFuzzTargets
import TextmillTestSupport

/// The string scanners' and decoders' eight-bytes-per-step paths (`JSONParser` looking for the
/// closing quote, `JSONStringDecoding.decodeUTF16` and `UTF8Transcoding.appendUTF16` widening
/// ASCII) against the fuzz targets' references, on generated strings whose escapes, quotes,
/// non-ASCII and invalid bytes fall at every offset of an eight-byte word.
@Suite struct StringFastPathTests {
    static let pieces: [[UInt8]] = [
        Array(#"\n"#.utf8), Array(#"\""#.utf8), Array(#"\\"#.utf8), Array(#"\/"#.utf8), Array(#"\t"#.utf8),
        Array(#"\u00e9"#.utf8), Array(#"\ud83d\ude00"#.utf8), Array(#"\ud800"#.utf8), Array(#"\udc00x"#.utf8),
        Array("é".utf8), Array("日本".utf8), Array("😀".utf8), [0x80], [0xC3], [0xE6, 0x97], [0xED, 0xA0, 0x80],
        [0xF4, 0x90, 0x80, 0x80], [0x01], [0x1F], [0x7F], [0x09],
    ]

    /// String contents: runs of 0–20 ASCII letters between pieces that leave the fast path.
    static func contents(_ rng: inout MultilingualSample) -> [UInt8] {
        var bytes: [UInt8] = []
        for _ in 0..<Int(rng.next() % 6) {
            for _ in 0..<Int(rng.next() % 21) { bytes.append(UInt8(0x61 + rng.next() % 26)) }
            bytes += pieces[Int(rng.next() % UInt64(pieces.count))]
        }
        for _ in 0..<Int(rng.next() % 21) { bytes.append(UInt8(0x41 + rng.next() % 26)) }
        return bytes
    }

    @Test func jsonStringsDecodeAsTheReference() throws {
        var rng = MultilingualSample(seed: 4242)
        let target = JSONParserTarget()
        for _ in 0..<20_000 {
            let text = Self.contents(&rng)
            let pad = Array(repeating: UInt8(ascii: " "), count: Int(rng.next() % 8))
            try target.check(Array(#"{"id": 1, "text": ""#.utf8) + text + Array(#"", "k": "v"}"#.utf8) + pad)
        }
    }

    @Test func rawTextTranscodesAsTheReference() throws {
        var rng = MultilingualSample(seed: 77)
        let target = UTF8TranscodingTarget()
        for _ in 0..<20_000 {
            try target.check(Self.contents(&rng))
        }
    }
}
