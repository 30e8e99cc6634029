import TextmillJSON
import TextmillTestSupport
@testable import TextmillTokenizers

/// One line of an HF parity fixture (`Tests/Fixtures/parity/tokenizers/*.jsonl`, made by
/// `scripts/parity/make_llm_tokenizers.py` with tokenizers 0.23.3).
struct HFParityFixture {
    let text: String
    let special: Bool
    let ids: [UInt32]?
    let tokens: [String]?
    let offsets: [UInt32]?
    let count: Int?
    let fnv64: String?
    let specialTokensMask: [UInt8]?
    let attentionMask: [UInt8]?
    let typeIDs: [UInt32]?
    let decoded: String?
    let decodedFNV64: String?

    init(_ v: JSONValue) {
        text = v["text"]?.stringValue ?? ""
        special = v["special"]?.boolValue ?? false
        ids = v["ids"]?.arrayValue?.compactMap { $0.intValue.map { UInt32($0) } }
        tokens = v["tokens"]?.arrayValue?.compactMap(\.stringValue)
        offsets = v["offsets"]?.arrayValue?.flatMap { pair in (pair.arrayValue ?? []).compactMap { $0.intValue.map { UInt32($0) } } }
        count = v["count"]?.intValue
        fnv64 = v["fnv64"]?.stringValue
        specialTokensMask = v["special_tokens_mask"]?.arrayValue?.compactMap { $0.intValue.map { UInt8($0) } }
        attentionMask = v["attention_mask"]?.arrayValue?.compactMap { $0.intValue.map { UInt8($0) } }
        typeIDs = v["type_ids"]?.arrayValue?.compactMap { $0.intValue.map { UInt32($0) } }
        decoded = v["decoded"]?.stringValue
        decodedFNV64 = v["decoded_fnv64"]?.stringValue
    }

    static func load(_ relative: String) -> [HFParityFixture] {
        Fixtures.lines(Fixtures.path(relative)).map { HFParityFixture(try! JSONValue.parse($0)) }
    }

    /// The texts fixtures refer to: `sample:N` (Tests/Fixtures/parity/sample.jsonl) and `adversarial:N`.
    static let texts: [String: String] = {
        var map: [String: String] = [:]
        for line in Fixtures.lines(Fixtures.path("Tests/Fixtures/parity/sample.jsonl")) {
            let v = try! JSONValue.parse(line)
            map["sample:\(v["id"]!.intValue!)"] = v["text"]!.stringValue!
        }
        for line in Fixtures.lines(Fixtures.path("Tests/Fixtures/parity/tokenizers/adversarial.jsonl")) {
            let v = try! JSONValue.parse(line)
            let id = v["id"]!.intValue!
            if let t = v["text"]?.stringValue {
                map["adversarial:\(id)"] = t
            } else {
                map["adversarial:\(id)"] = String(repeating: v["unit"]!.stringValue!, count: v["repeat"]!.intValue!)
            }
        }
        return map
    }()

    /// FNV-1a 64 of `"ids|offsets\n"` as the generator writes it.
    static func digest(ids: [UInt32], offsets: [UInt32]) -> String {
        var line = ids.map(String.init).joined(separator: ",") + "|"
        var parts: [String] = []
        for i in 0 ..< offsets.count / 2 { parts.append("\(offsets[2 * i]):\(offsets[2 * i + 1])") }
        line += parts.joined(separator: ",") + "\n"
        return fnv(Array(line.utf8))
    }

    static func fnv(_ bytes: [UInt8]) -> String {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
