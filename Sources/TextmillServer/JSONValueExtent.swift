import TextmillJSON

/// Finds where a JSON value ends in bytes that already parsed as valid JSON.
///
/// `JSONNode` keeps byte ranges only for strings and numbers; the server needs the exact bytes
/// of a params object or array element so it can hand them to the pipeline as a JSONL line,
/// byte for byte what `run` would read (ids with raw control characters, lone-surrogate escapes
/// and number literals all stay as they were).
enum JSONValueExtent {
    /// The index just past the value starting at `start`; `bytes` must hold valid JSON there.
    static func end(of bytes: UnsafeBufferPointer<UInt8>, valueAt start: Int) -> Int {
        var i = start
        var depth = 0
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "\""):
                i += 1
                while i < bytes.count && bytes[i] != UInt8(ascii: "\"") {
                    i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1
                }
                i += 1
                if depth == 0 { return i }
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 { return i }  // a scalar that ends its container
                depth -= 1
                if depth == 0 { return i + 1 }
            case UInt8(ascii: ","), 0x20, 0x09, 0x0A, 0x0D:
                if depth == 0 { return i }
            default:
                break
            }
            i += 1
        }
        return i
    }

    /// The index of the first byte of a member's value: past the key's closing quote, `:` and white space.
    static func valueStart(afterKey key: JSONStringSpan, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var i = key.range.upperBound + 1
        while i < bytes.count && (isSpace(bytes[i]) || bytes[i] == UInt8(ascii: ":")) { i += 1 }
        return i
    }

    /// The start of each element of the array starting at `start`, in order.
    static func elementStarts(ofArrayAt start: Int, count: Int, in bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        var starts: [Int] = []
        starts.reserveCapacity(count)
        var i = start + 1
        for _ in 0..<count {
            while i < bytes.count && (isSpace(bytes[i]) || bytes[i] == UInt8(ascii: ",")) { i += 1 }
            starts.append(i)
            i = end(of: bytes, valueAt: i)
        }
        return starts
    }

    @inline(__always) private static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D
    }
}
