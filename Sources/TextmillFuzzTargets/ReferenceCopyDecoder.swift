/// Reads `COPY … FROM STDIN` data in PostgreSQL's text format, written from the manual
/// (sql-copy.html, "Text Format"), to check what the server would store: rows end at a
/// newline, fields are separated by tabs, a field that is exactly `\N` is NULL, and a
/// backslash introduces `\b \f \n \r \t \v`, 1–3 octal digits, `\x` and 1–2 hex digits, or
/// stands for the character after it. A raw carriage return ends a row too, and `\.` ends
/// the data, so an encoder must never leave either unescaped inside a value.
enum ReferenceCopyDecoder {
    /// One row's fields; nil is NULL.
    typealias Row = [[UInt8]?]

    /// The rows, or why the server would reject or misread the data.
    static func rows(_ data: [UInt8]) -> Result<[Row], PropertyViolation> {
        var rows: [Row] = []
        var start = 0
        while start < data.count {
            guard let end = data[start...].firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else {
                return .failure(PropertyViolation("COPY data: the last row has no newline"))
            }
            guard data[end] == 0x0A else { return .failure(PropertyViolation("COPY data: a raw carriage return in row \(rows.count + 1)")) }
            let line = Array(data[start..<end])
            if line == [0x5C, 0x2E] { return .failure(PropertyViolation("COPY data: an end-of-data marker \\. as row \(rows.count + 1)")) }
            var row: Row = []
            for field in line.split(separator: 0x09, omittingEmptySubsequences: false) {
                if Array(field) == [0x5C, 0x4E] {
                    row.append(nil)
                    continue
                }
                switch decode(field) {
                case .success(let value): row.append(value)
                case .failure(let violation): return .failure(violation)
                }
            }
            rows.append(row)
            start = end + 1
        }
        return .success(rows)
    }

    private static func decode(_ field: ArraySlice<UInt8>) -> Result<[UInt8], PropertyViolation> {
        var out: [UInt8] = []
        var i = field.startIndex
        func isOctal(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x37 }
        func hexValue(_ b: UInt8) -> UInt8? {
            switch b {
            case 0x30...0x39: b - 0x30
            case 0x41...0x46: b - 0x41 + 10
            case 0x61...0x66: b - 0x61 + 10
            default: nil
            }
        }
        while i < field.endIndex {
            let b = field[i]
            if b == 0 { return .failure(PropertyViolation("COPY data: a raw NUL byte in a field")) }
            guard b == 0x5C else {
                out.append(b)
                i += 1
                continue
            }
            guard i + 1 < field.endIndex else { return .failure(PropertyViolation("COPY data: a field ends in a lone backslash")) }
            let c = field[i + 1]
            i += 2
            switch c {
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x76: out.append(0x0B)
            case 0x30...0x37:
                var value = Int(c - 0x30)
                var digits = 1
                while digits < 3 && i < field.endIndex && isOctal(field[i]) {
                    value = value * 8 + Int(field[i] - 0x30)
                    i += 1
                    digits += 1
                }
                out.append(UInt8(truncatingIfNeeded: value))
            case 0x78 where i < field.endIndex && hexValue(field[i]) != nil:
                var value = hexValue(field[i])!
                i += 1
                if i < field.endIndex, let low = hexValue(field[i]) {
                    value = value << 4 | low
                    i += 1
                }
                out.append(value)
            case 0x2E: return .failure(PropertyViolation("COPY data: \\. (end of data) inside a field"))
            default: out.append(c)
            }
        }
        if out.contains(0) { return .failure(PropertyViolation("COPY data: a field decodes to a NUL byte, which text cannot hold")) }
        return .success(out)
    }
}
