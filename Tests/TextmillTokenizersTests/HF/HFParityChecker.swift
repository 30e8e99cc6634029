import TextmillTestSupport
@testable import TextmillTokenizers

/// Encodes every text of a fixture file with a tokenizer.json and lists each difference from the
/// reference (ids, offsets, tokens, masks, decode), so a failing test says exactly what differs.
enum HFParityChecker {
    static func differences(tokenizerFile: String, fixtureFile: String, limit: Int = 8) throws -> (checked: Int, problems: [String]) {
        let tokenizer = try TokenizerFile.load(path: Fixtures.path(tokenizerFile), tiktokenPattern: nil)
        let encoder = tokenizer.makeEncoder()
        var problems: [String] = []
        var checked = 0
        for line in HFParityFixture.load(fixtureFile) {
            guard let text = HFParityFixture.texts[line.text] else {
                problems.append("\(line.text): no such text")
                continue
            }
            checked += 1
            let got = try encoder.encode(text, options: EncodeOptions(addSpecialTokens: line.special))
            let where_ = "\(fixtureFile) \(line.text) special=\(line.special)"
            if let ids = line.ids {
                if got.ids != ids { problems.append("\(where_): ids\n  want \(ids)\n  got  \(got.ids)\n  text \(text.debugDescription.prefix(300))") }
                else if let offsets = line.offsets, got.offsets != offsets {
                    problems.append("\(where_): offsets\n  want \(offsets)\n  got  \(got.offsets)\n  text \(text.debugDescription.prefix(300))")
                }
                if let tokens = line.tokens, got.ids == ids {
                    // HF's Unigram reports an unknown piece by its text; textmill by the unk token's string.
                    let mine = got.ids.enumerated().map { i, id -> String in
                        let t = tokenizer.token(id) ?? "?"
                        return t.lowercased().contains("unk") && i < tokens.count ? tokens[i] : t
                    }
                    if mine != tokens { problems.append("\(where_): tokens\n  want \(tokens)\n  got  \(mine)") }
                }
            } else if let count = line.count, let digest = line.fnv64 {
                let mine = HFParityFixture.digest(ids: got.ids, offsets: got.offsets)
                if got.count != count || mine != digest {
                    problems.append("\(where_): \(got.count) tokens digest \(mine), want \(count) tokens digest \(digest)")
                }
            }
            if let mask = line.specialTokensMask, got.specialTokensMask != mask {
                problems.append("\(where_): special_tokens_mask\n  want \(mask)\n  got  \(got.specialTokensMask)")
            }
            if let mask = line.attentionMask, got.attentionMask != mask {
                problems.append("\(where_): attention_mask\n  want \(mask)\n  got  \(got.attentionMask)")
            }
            if let types = line.typeIDs, got.typeIDs != types {
                problems.append("\(where_): type_ids\n  want \(types)\n  got  \(got.typeIDs)")
            }
            if line.special {
                let decoded = String(decoding: tokenizer.decode(got.ids, skipSpecialTokens: true), as: UTF8.self)
                if let want = line.decoded, decoded != want {
                    problems.append("\(where_): decode\n  want \(want.debugDescription.prefix(300))\n  got  \(decoded.debugDescription.prefix(300))")
                } else if let want = line.decodedFNV64, HFParityFixture.fnv(Array(decoded.utf8)) != want {
                    problems.append("\(where_): decode digest differs")
                }
            }
            if problems.count >= limit { break }
        }
        return (checked, problems)
    }
}
