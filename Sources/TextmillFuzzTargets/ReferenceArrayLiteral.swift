/// Reads a one-dimensional PostgreSQL array literal (`{a,"b c",NULL}`) as the server's
/// array input does (arrays.html, "Array Value Input"): elements separated by commas, a
/// double-quoted element taken literally except that a backslash escapes the next
/// character, an unquoted element trimmed of white space, backslash escapes there too, and
/// an unquoted `NULL` (any case) being NULL.
enum ReferenceArrayLiteral {
    /// The elements (nil: NULL), or nil when the literal is malformed.
    static func elements(_ literal: [UInt8]) -> [[UInt8]?]? {
        guard literal.first == 0x7B, literal.last == 0x7D, literal.count >= 2 else { return nil }
        let body = literal[1..<(literal.count - 1)]
        if body.allSatisfy(isSpace) { return [] }
        var elements: [[UInt8]?] = []
        var i = body.startIndex
        while true {
            while i < body.endIndex && isSpace(body[i]) { i += 1 }
            guard i < body.endIndex else { return nil }
            var value: [UInt8] = []
            if body[i] == 0x22 {
                i += 1
                var closed = false
                while i < body.endIndex {
                    let b = body[i]
                    if b == 0x5C {
                        guard i + 1 < body.endIndex else { return nil }
                        value.append(body[i + 1])
                        i += 2
                    } else if b == 0x22 {
                        i += 1
                        closed = true
                        break
                    } else {
                        value.append(b)
                        i += 1
                    }
                }
                guard closed else { return nil }
                while i < body.endIndex && isSpace(body[i]) { i += 1 }
                elements.append(value)
            } else {
                var escaped = false
                while i < body.endIndex && body[i] != 0x2C {
                    let b = body[i]
                    if b == 0x22 || b == 0x7B || b == 0x7D { return nil }
                    if b == 0x5C {
                        guard i + 1 < body.endIndex else { return nil }
                        value.append(body[i + 1])
                        escaped = true
                        i += 2
                    } else {
                        value.append(b)
                        i += 1
                    }
                }
                while let last = value.last, isSpace(last), !escaped { value.removeLast() }
                if value.isEmpty { return nil }
                let isNull = !escaped && value.count == 4 && String(decoding: value, as: UTF8.self).lowercased() == "null"
                elements.append(isNull ? nil : value)
            }
            if i == body.endIndex { return elements }
            guard body[i] == 0x2C else { return nil }
            i += 1
        }
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0B || b == 0x0C }
}
