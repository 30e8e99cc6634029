/// How the line readers are documented to cut bytes: at `\n`, a final unterminated line
/// counts when non-empty, one `\r` before the end is dropped, and a line whose raw length
/// (its `\r` included) is over the limit is reported as oversized instead of read.
struct ReferenceLines {
    enum Line: Equatable {
        case line([UInt8])
        case oversized(Int)
    }

    static func split(_ bytes: ArraySlice<UInt8>, limit: Int) -> [Line] {
        var lines: [Line] = []
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let newline = bytes[start...].firstIndex(of: 0x0A)
            let end = newline ?? bytes.endIndex
            var line = Array(bytes[start..<end])
            if line.count > limit {
                lines.append(.oversized(line.count))
            } else {
                if line.last == 0x0D { line.removeLast() }
                lines.append(.line(line))
            }
            start = newline.map { $0 + 1 } ?? bytes.endIndex
        }
        return lines
    }

    /// `bytes` without a leading UTF-8 byte order mark.
    static func withoutBOM(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes[3...] : bytes[...]
    }
}
