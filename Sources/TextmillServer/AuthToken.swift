/// The shared secret TCP clients must send with every request (`--auth-token-file`), compared
/// in constant time so the reply's timing says nothing about how much of a guess was right.
public struct AuthToken: Sendable {
    let bytes: [UInt8]

    /// `text` with surrounding whitespace (a trailing newline from the file) removed; nil when empty.
    public init?(_ text: String) {
        let trimmed = text.utf8.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        var end = trimmed.endIndex
        while end > trimmed.startIndex, [0x20, 0x0A, 0x0D, 0x09].contains(trimmed[trimmed.index(before: end)]) {
            end = trimmed.index(before: end)
        }
        let bytes = Array(trimmed[trimmed.startIndex..<end])
        guard !bytes.isEmpty else { return nil }
        self.bytes = bytes
    }

    /// The token itself, for a client to send.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Whether `candidate` is the token; the time taken depends only on the candidate's length.
    public func matches(_ candidate: [UInt8]) -> Bool {
        var difference = UInt(bitPattern: candidate.count ^ bytes.count)
        for i in 0..<candidate.count {
            difference |= UInt(candidate[i] ^ bytes[i % bytes.count])
        }
        return difference == 0
    }
}
