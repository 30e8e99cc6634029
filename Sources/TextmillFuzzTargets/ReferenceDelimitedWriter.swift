/// Writes rows as RFC 4180 CSV (or TSV with the same quoting): a field is quoted when it holds
/// the separator, a quote, CR or LF, or is empty (so an empty one-column row is not a blank
/// line), with quotes doubled inside.
struct ReferenceDelimitedWriter {
    let separator: UInt8
    let lineEnd: [UInt8]
    private(set) var bytes: [UInt8] = []

    init(separator: UInt8, lineEnd: [UInt8]) {
        self.separator = separator
        self.lineEnd = lineEnd
    }

    mutating func row(_ fields: [[UInt8]]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { bytes.append(separator) }
            let quote = UInt8(ascii: "\"")
            if field.isEmpty || field.contains(where: { $0 == separator || $0 == quote || $0 == 0x0A || $0 == 0x0D }) {
                bytes.append(quote)
                for b in field {
                    bytes.append(b)
                    if b == quote { bytes.append(quote) }
                }
                bytes.append(quote)
            } else {
                bytes += field
            }
        }
        bytes += lineEnd
    }
}
