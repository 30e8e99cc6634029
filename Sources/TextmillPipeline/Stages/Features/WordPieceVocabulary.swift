/// A BERT `vocab.txt` (one token per line, id = 0-based line number) as a character trie, for
/// greedy longest-match-first WordPiece without building a string per lookup.
///
/// Lines are read as HF's `WordPiece::read_file` does: split on `\n`, trailing white space
/// trimmed, a repeated token keeps the id of its last line. Trie edges are keyed by
/// (node, Unicode scalar) in one open-addressing table; continuation pieces are found by
/// walking from the node reached by the continuation prefix (`##`).
public final class WordPieceVocabulary: Sendable {
    /// Each id's token as UTF-16 (what the `tokens` field writes).
    private let tokenUnits: [UInt16]
    private let tokenEnds: [Int32]
    /// Per trie node: the id of the token ending there, or -1.
    private let terminal: [Int32]
    private let keys: [UInt64]
    private let children: [Int32]
    private let mask: Int

    public var count: Int { tokenEnds.count }

    public struct FormatError: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    public init(bytes: [UInt8]) throws(FormatError) {
        var lines: [[UInt32]] = []
        var start = 0
        var end = bytes.count
        if end > 0 && bytes[end - 1] == 0x0A { end -= 1 }  // a final newline ends the last line
        if end == 0 { throw FormatError(description: "the vocabulary is empty") }
        var i = 0
        var lineNumber = 1
        while i <= end {
            if i == end || bytes[i] == 0x0A {
                var lineEnd = i
                while lineEnd > start, [0x20, 0x09, 0x0D, 0x0B, 0x0C].contains(bytes[lineEnd - 1]) { lineEnd -= 1 }
                let line = Array(bytes[start..<lineEnd])
                guard let text = String(validating: line, as: UTF8.self) else {
                    throw FormatError(description: "line \(lineNumber) is not valid UTF-8")
                }
                lines.append(text.unicodeScalars.map(\.value))
                start = i + 1
                lineNumber += 1
            }
            i += 1
        }
        var units: [UInt16] = []
        var ends: [Int32] = []
        for line in lines {
            for s in line { units.append(contentsOf: UTF16.encode(Unicode.Scalar(s)!)!) }
            ends.append(Int32(units.count))
        }
        tokenUnits = units
        tokenEnds = ends

        let totalChars = lines.reduce(0) { $0 + $1.count }
        var capacity = 16
        while capacity < totalChars * 2 + 16 { capacity <<= 1 }
        var keys = [UInt64](repeating: UInt64.max, count: capacity)
        var children = [Int32](repeating: -1, count: capacity)
        var terminal: [Int32] = [-1]
        let mask = capacity - 1
        for (id, line) in lines.enumerated() where !line.isEmpty {
            var node: Int32 = 0
            for s in line {
                let key = Self.key(node, s)
                var slot = Self.slot(key, mask)
                while keys[slot] != UInt64.max && keys[slot] != key { slot = (slot + 1) & mask }
                if keys[slot] == key {
                    node = children[slot]
                } else {
                    keys[slot] = key
                    children[slot] = Int32(terminal.count)
                    node = Int32(terminal.count)
                    terminal.append(-1)
                }
            }
            terminal[Int(node)] = Int32(id)
        }
        self.keys = keys
        self.children = children
        self.terminal = terminal
        self.mask = mask
    }

    @inline(__always)
    private static func key(_ node: Int32, _ scalar: UInt32) -> UInt64 { UInt64(UInt32(node)) << 21 | UInt64(scalar) }

    @inline(__always)
    private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 29) & mask
    }

    /// The root node; `child(of:_:)` walks from it.
    public static let root: Int32 = 0

    @inline(__always)
    public func child(of node: Int32, _ scalar: UInt32) -> Int32 {
        let key = Self.key(node, scalar)
        var slot = Self.slot(key, mask)
        while true {
            let k = keys[slot]
            if k == key { return children[slot] }
            if k == UInt64.max { return -1 }
            slot = (slot + 1) & mask
        }
    }

    /// The id of the token ending at `node`, or -1.
    @inline(__always)
    public func tokenID(at node: Int32) -> Int32 { terminal[Int(node)] }

    /// The node reached by `text` from the root, or -1.
    public func node(for text: String) -> Int32 {
        var node = Self.root
        for s in text.unicodeScalars {
            node = child(of: node, s.value)
            if node < 0 { return -1 }
        }
        return node
    }

    /// The id of `token`, if it is in the vocabulary.
    public func id(of token: String) -> Int? {
        let n = node(for: token)
        guard n > 0, terminal[Int(n)] >= 0 else { return nil }
        return Int(terminal[Int(n)])
    }

    /// The UTF-16 of token `id`.
    @inline(__always)
    public func withUnits<R>(of id: Int, _ body: (UnsafeBufferPointer<UInt16>) -> R) -> R {
        let start = id == 0 ? 0 : Int(tokenEnds[id - 1])
        return tokenUnits.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<Int(tokenEnds[id])])) }
    }

    public func token(_ id: Int) -> String { withUnits(of: id) { String(decoding: $0, as: UTF16.self) } }
}
