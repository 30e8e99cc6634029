import TextmillJSON

/// Builds the rows of `COPY … FROM STDIN` in PostgreSQL's text format, into one reusable buffer.
///
/// Text format, not binary: the bulk of every row is the record's JSON, which the server parses
/// into `jsonb` in either format (binary `jsonb` is a version byte followed by the same JSON
/// text), so binary would save nothing on the dominant cost; text needs only `\`, tab, newline
/// and carriage return escaped, and arrays written as `{…}` literals, with no per-type encoders
/// to keep in step with the server's wire formats.
///
/// PostgreSQL text cannot hold U+0000 (nor can `jsonb` hold `\u0000`), so both are written as
/// U+FFFD; that is the one way a stored value can differ from the record.
struct PostgresCopyEncoder {
    var bytes: [UInt8] = []

    mutating func reset() { bytes.removeAll(keepingCapacity: true) }

    mutating func null() {
        bytes.append(0x5C)  // \N
        bytes.append(0x4E)
    }
    mutating func tab() { bytes.append(0x09) }
    mutating func endRow() { bytes.append(0x0A) }

    /// A non-negative or negative integer in decimal, without going through a String.
    mutating func integer(_ value: Int) {
        if value < 0 { bytes.append(0x2D) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(truncatingIfNeeded: magnitude % 10) + 0x30
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for i in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[i]) }
        }
    }

    /// A text value: its bytes with COPY's escapes.
    mutating func text<C: Collection>(_ value: C) where C.Element == UInt8 {
        for byte in value { escaped(byte) }
    }

    /// Whether COPY's text format needs `byte` escaped (or, for NUL, replaced).
    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == 0x5C || (byte <= 0x0D && (byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x00))
    }

    @inline(__always)
    private mutating func escaped(_ byte: UInt8) {
        switch byte {
        case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
        case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
        case 0x0D: bytes.append(0x5C); bytes.append(0x72)
        case 0x09: bytes.append(0x5C); bytes.append(0x74)
        case 0x00: bytes.append(0xEF); bytes.append(0xBF); bytes.append(0xBD)
        default: bytes.append(byte)
        }
    }

    private static let replacedNul = Array(#"\\ufffd"#.utf8)

    /// A JSON document for a `jsonb` column: COPY's escapes, with `\u0000` written as `\ufffd`.
    /// This runs over every byte of every record, so the runs between bytes that need an
    /// escape (in textmill's records, only the backslashes of JSON escapes) are copied whole.
    mutating func json(_ line: UnsafeBufferPointer<UInt8>) {
        bytes.reserveCapacity(bytes.count + line.count + 16)
        var run = 0
        var i = 0
        while i < line.count {
            let byte = line[i]
            guard Self.needsEscape(byte) else {
                i += 1
                continue
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: line[run..<i]))
            if byte == 0x5C && i + 1 < line.count {
                if line[i + 1] == 0x75 && i + 5 < line.count && line[i + 2] == 0x30 && line[i + 3] == 0x30
                    && line[i + 4] == 0x30 && line[i + 5] == 0x30 {
                    bytes.append(contentsOf: Self.replacedNul)
                    i += 6
                } else {
                    escaped(byte)
                    escaped(line[i + 1])
                    i += 2
                }
            } else {
                escaped(byte)
                i += 1
            }
            run = i
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: line[run..<line.count]))
    }

    /// A string or number node as text (a string decoded from its JSON escapes); NULL otherwise.
    mutating func text(_ node: JSONNode?, in line: UnsafeBufferPointer<UInt8>) {
        switch node {
        case .string(let span)? where !span.hasEscapes: text(line[span.range])
        case .number(let range)?: text(line[range])
        default:
            if let value = RecordFields.text(node, in: line) { text(value.utf8) } else { null() }
        }
    }

    /// An array of strings as a `text[]` literal, `{"a","b"}`; NULL when the node is not one.
    mutating func textArray(_ node: JSONNode?, in line: UnsafeBufferPointer<UInt8>) {
        guard case .array(let elements)? = node else { return null() }
        bytes.append(0x7B)
        for (i, element) in elements.enumerated() {
            if i > 0 { bytes.append(0x2C) }
            bytes.append(0x22)
            switch element {
            case .string(let span) where !span.hasEscapes: arrayElement(line[span.range])
            default: arrayElement((RecordFields.text(element, in: line) ?? "").utf8)
            }
            bytes.append(0x22)
        }
        bytes.append(0x7D)
    }

    /// Inside a quoted array element `"` and `\` take a backslash, which COPY then doubles.
    private mutating func arrayElement<C: Collection>(_ value: C) where C.Element == UInt8 {
        for byte in value {
            if byte == 0x22 || byte == 0x5C { bytes.append(0x5C); bytes.append(0x5C) }
            escaped(byte)
        }
    }

    /// An array of integers as a `bigint[]` literal, `{1,2}`; NULL unless every element is an integer.
    mutating func integerArray(_ node: JSONNode?, in line: UnsafeBufferPointer<UInt8>) {
        guard case .array(let elements)? = node else { return null() }
        let mark = bytes.count
        bytes.append(0x7B)
        for (i, element) in elements.enumerated() {
            guard case .number(let range) = element,
                line[range].allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D })
            else {
                bytes.removeSubrange(mark...)
                return null()
            }
            if i > 0 { bytes.append(0x2C) }
            bytes.append(contentsOf: line[range])
        }
        bytes.append(0x7D)
    }
}
