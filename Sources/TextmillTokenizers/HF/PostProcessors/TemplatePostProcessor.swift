/// HF's `TemplateProcessing` for a single sequence: the `single` template's special tokens around `$A`,
/// each piece with its type id.
struct TemplatePostProcessor: HFPostProcessor {
    enum Piece {
        case sequence(typeID: UInt32)
        case special(ids: [UInt32], typeID: UInt32)
    }

    let single: [Piece]
    let pairAdded: Int

    init(_ json: HFJSON) throws {
        var specials: [String: [UInt32]] = [:]
        if let map = json.member("special_tokens")?.value.objectValue {
            for (key, value) in map {
                guard let ids = value["ids"]?.arrayValue?.compactMap({ $0.intValue }) else {
                    throw json.invalid("special token \(key) needs ids")
                }
                specials[key] = ids.map { UInt32($0) }
            }
        }
        func parse(_ key: String) throws -> [Piece] {
            guard let items = json.value[key]?.arrayValue else { return [] }
            return try items.map { item in
                if let s = item["Sequence"] {
                    return .sequence(typeID: UInt32(s["type_id"]?.intValue ?? 0))
                }
                if let s = item["SpecialToken"], let id = s["id"]?.stringValue {
                    guard let ids = specials[id] else { throw json.invalid("template uses unknown special token \(id)") }
                    return .special(ids: ids, typeID: UInt32(s["type_id"]?.intValue ?? 0))
                }
                throw json.invalid("template pieces must be Sequence or SpecialToken")
            }
        }
        single = try parse("single")
        pairAdded = try parse("pair").reduce(0) { n, p in if case .special(let ids, _) = p { n + ids.count } else { n } }
    }

    func addedTokens(isPair: Bool) -> Int {
        isPair ? pairAdded : single.reduce(0) { n, p in if case .special(let ids, _) = p { n + ids.count } else { n } }
    }

    func process(_ encoding: inout TokenEncoding, addSpecialTokens: Bool, spaces: TokenSpaces) {
        var out = TokenEncoding()
        let withOffsets = encoding.hasOffsets
        for piece in single {
            switch piece {
            case .sequence(let typeID):
                out.ids.append(contentsOf: encoding.ids)
                if withOffsets { out.offsets.append(contentsOf: encoding.offsets) }
                out.specialTokensMask.append(contentsOf: encoding.specialTokensMask)
                out.attentionMask.append(contentsOf: encoding.attentionMask)
                out.typeIDs.append(contentsOf: repeatElement(typeID, count: encoding.ids.count))
            case .special(let ids, let typeID):
                guard addSpecialTokens else { continue }
                out.ids.append(contentsOf: ids)
                if withOffsets { out.offsets.append(contentsOf: repeatElement(0, count: 2 * ids.count)) }
                out.specialTokensMask.append(contentsOf: repeatElement(1, count: ids.count))
                out.attentionMask.append(contentsOf: repeatElement(1, count: ids.count))
                out.typeIDs.append(contentsOf: repeatElement(typeID, count: ids.count))
            }
        }
        out.truncatedCount = encoding.truncatedCount
        encoding = out
    }
}
