/// Parses tiktoken rank files: one `base64(token-bytes) rank` per line, as `load_tiktoken_bpe` reads them
/// (blank lines skipped, ranks need not be contiguous).
enum TiktokenRanks {
    /// Whether a line looks like `base64 decimal`, to recognise the file kind.
    static func looksLikeRankLine(_ line: ArraySlice<UInt8>) -> Bool {
        var line = line
        if line.last == 0x0D { line = line.dropLast() }
        guard let space = line.firstIndex(of: 0x20) else { return false }
        let token = line[line.startIndex ..< space]
        let rank = line[(space + 1)...]
        return !token.isEmpty && !rank.isEmpty
            && token.allSatisfy { Base64.value(of: $0) != nil || $0 == UInt8(ascii: "=") }
            && rank.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// Reads every line into `table` (id = rank); errors name the file and line.
    static func parse(_ bytes: [UInt8], path: String) throws -> ByteSliceTable {
        var table = ByteSliceTable(capacity: max(16, bytes.count / 14))
        // Ranks index arrays: one far beyond the file's size would allocate gigabytes (found by fuzzing).
        let rankLimit = UInt64(bytes.count) + (1 << 20)
        var decoded: [UInt8] = []
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            lineNumber += 1
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            var lineEnd = end
            if lineEnd > start && bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            defer { start = end + 1 }
            if lineEnd == start { continue }
            guard let space = bytes[start ..< lineEnd].firstIndex(of: 0x20) else {
                throw TokenizerError.invalidFile(path: path, line: lineNumber, message: "expected `base64-token rank`")
            }
            guard Base64.decode(bytes[start ..< space], into: &decoded) else {
                throw TokenizerError.invalidFile(path: path, line: lineNumber, message: "invalid base64 token")
            }
            var rank: UInt64 = 0
            let digits = bytes[(space + 1) ..< lineEnd]
            guard !digits.isEmpty, digits.count <= 10 else {
                throw TokenizerError.invalidFile(path: path, line: lineNumber, message: "invalid rank")
            }
            for digit in digits {
                guard digit >= 0x30 && digit <= 0x39 else {
                    throw TokenizerError.invalidFile(path: path, line: lineNumber, message: "invalid rank")
                }
                rank = rank * 10 + UInt64(digit - 0x30)
            }
            guard rank < UInt64(UInt32.max), rank < rankLimit else {
                throw TokenizerError.invalidFile(path: path, line: lineNumber, message: "rank \(rank) is too large")
            }
            if !table.insert(decoded, id: UInt32(rank)) {
                throw TokenizerError.invalidFile(path: path, line: lineNumber, message: "duplicate token or rank \(rank)")
            }
        }
        if table.count == 0 { throw TokenizerError.invalidFile(path: path, line: 0, message: "no ranks in the file") }
        return table
    }
}
