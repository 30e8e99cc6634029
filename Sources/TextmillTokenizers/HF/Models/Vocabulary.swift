/// A model's token ↔ id maps: byte-slice lookups for the hot path (no `String` made per lookup), and the
/// token strings by id for `tokens` and `decode`.
struct Vocabulary: Sendable {
    private(set) var table = ByteSliceTable()
    private(set) var strings: [String?] = []
    private(set) var count = 0
    /// One more than the largest id: the vocabulary size when ids have gaps (a hand-edited file).
    var idLimit: Int { strings.count }

    /// Reads a `{"token": id, …}` object; a later duplicate token wins, as in HF's map.
    init(object json: HFJSON) throws {
        guard let members = json.value.objectValue else { throw json.invalid("vocab must be an object") }
        var pairs: [(String, Int)] = []
        pairs.reserveCapacity(members.count)
        var index: [String: Int] = [:]
        for (token, value) in members {
            guard let id = value.intValue, id >= 0, id < Int(UInt32.max) else {
                throw json.invalid("vocab id of \(token) must be a non-negative integer")
            }
            // Ids index arrays: one far beyond the vocabulary's size would allocate gigabytes.
            guard id < members.count + (1 << 20) else {
                throw json.invalid("vocab id \(id) of \(token) is far beyond the \(members.count) tokens")
            }
            if let previous = index[token] { pairs[previous].1 = id } else { index[token] = pairs.count; pairs.append((token, id)) }
        }
        self.init(pairs: pairs)
    }

    init(pairs: [(String, Int)]) {
        table = ByteSliceTable(capacity: pairs.count)
        let maxID = pairs.map(\.1).max() ?? -1
        strings = [String?](repeating: nil, count: maxID + 1)
        for (token, id) in pairs {
            // A second token with an id already taken is dropped (HF's reverse map keeps one of them too).
            if table.insert(Array(token.utf8), id: UInt32(id)) {
                strings[id] = token
                count += 1
            }
        }
    }

    @inline(__always)
    func lookup(_ bytes: UnsafeRawBufferPointer) -> UInt32? { table.lookup(bytes) }

    func id(of token: String) -> UInt32? {
        var copy = token
        return copy.withUTF8 { table.lookup(UnsafeRawBufferPointer($0)) }
    }

    func token(of id: UInt32) -> String? { Int(id) < strings.count ? strings[Int(id)] : nil }

    /// The ids of `<0x00>` … `<0xFF>` (byte fallback), where present.
    func byteFallbackIDs() -> [UInt32?] {
        (0 ..< 256).map { id(of: "<0x" + String($0, radix: 16, uppercase: true).leftPadded(to: 2) + ">") }
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
