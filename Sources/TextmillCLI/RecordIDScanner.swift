/// Finds the top-level `ids` array of a JSONL record and reads it as token ids, without
/// building a JSON tree: the coordinator does this for every document when writing token
/// shards, so it walks the bytes once, tracking strings and nesting depth (an `"ids"` inside a
/// string or a nested object is not the field).
enum RecordIDScanner {
    /// The ids, or nil when the record has no top-level `ids` array of non-negative integers.
    static func ids(in line: UnsafeRawBufferPointer, into ids: inout [UInt32]) -> Bool {
        ids.removeAll(keepingCapacity: true)
        let n = line.count
        var i = 0
        var depth = 0
        while i < n {
            let c = line[i]
            if c == UInt8(ascii: "\"") {
                let start = i + 1
                i += 1
                while i < n && line[i] != UInt8(ascii: "\"") { i += line[i] == UInt8(ascii: "\\") ? 2 : 1 }
                let isIDs = depth == 1 && i - start == 3 && line[start] == UInt8(ascii: "i") && line[start + 1] == UInt8(ascii: "d")
                    && line[start + 2] == UInt8(ascii: "s")
                i += 1
                if isIDs {
                    while i < n && (line[i] == UInt8(ascii: " ") || line[i] == UInt8(ascii: ":")) { i += 1 }
                    guard i < n, line[i] == UInt8(ascii: "[") else { return false }
                    i += 1
                    var value: UInt64 = 0
                    var inNumber = false
                    while i < n {
                        let d = line[i]
                        if d >= UInt8(ascii: "0") && d <= UInt8(ascii: "9") {
                            value = value * 10 + UInt64(d - UInt8(ascii: "0"))
                            if value > UInt64(UInt32.max) { return false }
                            inNumber = true
                        } else if d == UInt8(ascii: ",") || d == UInt8(ascii: "]") {
                            if inNumber { ids.append(UInt32(value)) }
                            value = 0
                            inNumber = false
                            if d == UInt8(ascii: "]") { return true }
                        } else if d != UInt8(ascii: " ") {
                            return false
                        }
                        i += 1
                    }
                    return false
                }
                continue
            }
            if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") { depth += 1 }
            if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") { depth -= 1 }
            i += 1
        }
        return false
    }
}
