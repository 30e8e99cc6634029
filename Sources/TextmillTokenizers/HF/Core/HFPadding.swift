/// tokenizer.json's `padding` for one sequence: up to a fixed length (or, for `BatchLongest`, the
/// sequence's own length), rounded up to `pad_to_multiple_of`, on the right or the left.
struct HFPadding: Sendable {
    let fixedLength: Int?
    let multipleOf: Int?
    let fromLeft: Bool
    let padID: UInt32
    let padTypeID: UInt32

    init(_ json: HFJSON) throws {
        if let strategy = json.value["strategy"], let fixed = strategy["Fixed"]?.intValue {
            fixedLength = fixed
        } else {
            fixedLength = nil
        }
        multipleOf = try json.int("pad_to_multiple_of", default: nil)
        fromLeft = (try json.string("direction", default: "Right") ?? "Right") == "Left"
        padID = UInt32(try json.int("pad_id", default: 0) ?? 0)
        padTypeID = UInt32(try json.int("pad_type_id", default: 0) ?? 0)
    }

    func pad(_ encoding: inout TokenEncoding) {
        let n = encoding.count
        var target = fixedLength ?? n
        if let m = multipleOf, m > 0, target % m != 0 { target += m - target % m }
        guard target > n else { return }
        let extra = target - n
        let withOffsets = encoding.offsets.count == 2 * n
        if fromLeft {
            encoding.ids.insert(contentsOf: repeatElement(padID, count: extra), at: 0)
            if withOffsets { encoding.offsets.insert(contentsOf: repeatElement(0, count: 2 * extra), at: 0) }
            encoding.specialTokensMask.insert(contentsOf: repeatElement(1, count: extra), at: 0)
            encoding.attentionMask.insert(contentsOf: repeatElement(0, count: extra), at: 0)
            encoding.typeIDs.insert(contentsOf: repeatElement(padTypeID, count: extra), at: 0)
        } else {
            encoding.ids.append(contentsOf: repeatElement(padID, count: extra))
            if withOffsets { encoding.offsets.append(contentsOf: repeatElement(0, count: 2 * extra)) }
            encoding.specialTokensMask.append(contentsOf: repeatElement(1, count: extra))
            encoding.attentionMask.append(contentsOf: repeatElement(0, count: extra))
            encoding.typeIDs.append(contentsOf: repeatElement(padTypeID, count: extra))
        }
    }
}
