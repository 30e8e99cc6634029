import TextmillJSON

/// Builds the rows of `COPY … FROM STDIN` in PostgreSQL's text format, into one reusable buffer.
///
/// Text format, not binary: the bulk of every row is the record's JSON, which the server parses
/// into `jsonb` in either format (binary `jsonb` is a version byte followed by the same JSON
/// text), so binary would save nothing on the dominant cost; text needs only `\`, tab, newline
/// and carriage return escaped, and arrays written as `{…}` literals, with no per-type encoders
/// to keep in step with the server's wire formats.
///
/// PostgreSQL text cannot hold U+0000 (nor can `jsonb` hold `\u0000` or an unpaired surrogate
/// escape), so they are written as U+FFFD; that is the one way a stored value can differ from
/// the record.
struct PostgresCopyEncoder {
    var bytes: [UInt8] = []

    mutating func reset() { bytes.removeAll(keepingCapacity: true) }

    mutating func null() { bytes.append(contentsOf: [0x5C, 0x4E]) }  // \N
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

    @inline(__always)
    private mutating func escaped(_ byte: UInt8) {
        switch byte {
        case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
        case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
        case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
        case 0x00: bytes.append(contentsOf: [0xEF, 0xBF, 0xBD])
        default: bytes.append(byte)
        }
    }

    /// A JSON document for a `jsonb` column: COPY's escapes, with the escapes jsonb refuses
    /// (`\u0000`, and a UTF-16 surrogate escape without its pair) written as `\ufffd`, which
    /// is also what JSON decoding gives for an unpaired surrogate. Runs of bytes that need
    /// nothing (all but backslashes and control characters) are copied whole: this is most of
    /// what the coordinator does per record.
    mutating func json(_ line: UnsafeBufferPointer<UInt8>) {
        var i = 0
        var copied = 0
        while true {
            i = Self.firstSpecial(line, from: i)
            guard i < line.count else { break }
            let byte = line[i]
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: line[copied..<i]))
            if byte == 0x5C && i + 1 < line.count {
                if line[i + 1] == 0x75, let unit = Self.hexUnit(line, i + 2) {
                    let isHigh = unit >= 0xD800 && unit <= 0xDBFF
                    if isHigh, i + 11 < line.count, line[i + 6] == 0x5C, line[i + 7] == 0x75,
                        let low = Self.hexUnit(line, i + 8), low >= 0xDC00 && low <= 0xDFFF {
                        for k in i..<(i + 12) { escaped(line[k]) }
                        i += 12
                    } else if unit == 0 || (unit >= 0xD800 && unit <= 0xDFFF) {
                        bytes.append(contentsOf: #"\\ufffd"#.utf8)
                        i += 6
                    } else {
                        escaped(byte)
                        escaped(line[i + 1])
                        i += 2
                    }
                } else {
                    escaped(byte)
                    escaped(line[i + 1])
                    i += 2
                }
            } else {
                escaped(byte)
                i += 1
            }
            copied = i
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: line[copied..<line.count]))
    }

    /// The index of the first backslash or control character at or after `start` (the end when
    /// there is none), eight bytes at a time: in each word, a byte below 0x20 or equal to 0x5C
    /// sets its high bit in the mask (the classic "has a zero byte" test; a borrow can only mark
    /// bytes after a true match, so the lowest mark is always one).
    @inline(__always)
    static func firstSpecial(_ line: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = line.baseAddress else { return line.count }
        var i = start
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while i + 8 <= line.count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            let control = (word &- 0x20 &* ones) & ~word & highs
            let notBackslash = word ^ (0x5C &* ones)
            let backslash = (notBackslash &- ones) & ~notBackslash & highs
            let marks = control | backslash
            if marks != 0 { return i + marks.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < line.count && line[i] >= 0x20 && line[i] != 0x5C { i += 1 }
        return i
    }

    /// Bytes already in COPY's text form (escaped once, written for every row).
    mutating func raw(_ value: [UInt8]) { bytes.append(contentsOf: value) }

    /// The UTF-16 unit of the four hex digits at `start`, or nil when they are not four hex digits.
    private static func hexUnit(_ line: UnsafeBufferPointer<UInt8>, _ start: Int) -> UInt16? {
        guard start + 4 <= line.count else { return nil }
        var value: UInt16 = 0
        for k in start..<(start + 4) {
            let b = line[k]
            let digit: UInt8
            switch b {
            case 0x30...0x39: digit = b - 0x30
            case 0x41...0x46: digit = b - 0x41 + 10
            case 0x61...0x66: digit = b - 0x61 + 10
            default: return nil
            }
            value = value << 4 | UInt16(digit)
        }
        return value
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
            if byte == 0x22 || byte == 0x5C { bytes.append(contentsOf: [0x5C, 0x5C]) }
            escaped(byte)
        }
    }

    /// An array of integers as a `bigint[]` literal, `{1,2}`; NULL unless every element is an
    /// integer that fits 64 bits (one out-of-range literal would make the server reject the
    /// whole chunk's COPY).
    mutating func integerArray(_ node: JSONNode?, in line: UnsafeBufferPointer<UInt8>) {
        guard case .array(let elements)? = node else { return null() }
        let mark = bytes.count
        bytes.append(0x7B)
        for (i, element) in elements.enumerated() {
            guard case .number(let range) = element,
                line[range].allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }),
                range.count < 19 || Int64(String(decoding: UnsafeBufferPointer(rebasing: line[range]), as: UTF8.self)) != nil
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
