/// Assembles the text of a markup document: block elements become line breaks, white space is
/// collapsed (HTML) or kept inside text (XML, where it can be meaningful, as in MediaWiki
/// text), and the size is capped so one huge element cannot exhaust memory.
struct ExtractedTextBuilder {
    private(set) var bytes: [UInt8] = []
    /// Set once the text would pass `maxBytes`; later text is dropped.
    private(set) var overflowed = false
    let maxBytes: Int
    /// Collapse each run of white space to one space (HTML) instead of keeping it (XML).
    let collapse: Bool
    private var pendingSpace = false
    private var pendingNewlines = 0
    private var atLineStart = true

    init(maxBytes: Int, collapse: Bool) {
        self.maxBytes = maxBytes
        self.collapse = collapse
    }

    /// The boundary of a block element: the next text starts on a new line.
    mutating func blockBoundary() {
        pendingNewlines = max(pendingNewlines, 1)
        pendingSpace = false
    }

    /// `<br>`: one more line break, so `<br><br>` leaves a blank line.
    mutating func lineBreak() {
        pendingNewlines = min(pendingNewlines + 1, 2)
        pendingSpace = false
    }

    /// Appends the text of a text node (UTF-8). `verbatim` keeps white space even in HTML (`<pre>`).
    mutating func append(_ text: UnsafeBufferPointer<UInt8>, verbatim: Bool = false) {
        let collapsing = collapse && !verbatim
        for byte in text {
            let space = byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
            if space {
                if collapsing {
                    pendingSpace = true
                    continue
                }
                // White space where a line starts is markup layout (indentation), not content.
                if !verbatim && (atLineStart || pendingNewlines > 0) { continue }
            }
            flush()
            put(byte)
            atLineStart = false
        }
    }

    /// The finished text, trailing white space removed.
    mutating func finish() -> [UInt8] {
        trimTrailingSpace()
        return bytes
    }

    private mutating func flush() {
        if pendingNewlines > 0 {
            if !bytes.isEmpty {
                trimTrailingSpace()
                for _ in 0..<pendingNewlines { put(0x0A) }
            }
            pendingNewlines = 0
            pendingSpace = false
            atLineStart = true
        }
        if pendingSpace {
            if !atLineStart && !bytes.isEmpty { put(0x20) }
            pendingSpace = false
        }
    }

    private mutating func put(_ byte: UInt8) {
        if bytes.count >= maxBytes {
            overflowed = true
            return
        }
        bytes.append(byte)
    }

    private mutating func trimTrailingSpace() {
        while let last = bytes.last, last == 0x20 || last == 0x09 || last == 0x0A || last == 0x0D { bytes.removeLast() }
    }
}
