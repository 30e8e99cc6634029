/// A source whose first bytes were already read (to sniff gzip magic or the format) and are
/// handed out again before the rest, so detection never needs a seekable input (stdin works).
public struct PeekedByteSource: ByteSource {
    private var base: AnyByteSource
    /// The bytes read ahead; at most the `limit` given to `init`.
    public let head: [UInt8]
    private var headPosition = 0
    private var pendingError: InputError?

    /// Reads ahead from `base` until `limit` bytes are in, the input ends, reading fails (that
    /// error is thrown once the bytes before it have been handed out), or, when a read returns
    /// less, as soon as the bytes are enough to decide the format: at least two of them and one
    /// that is not white space or a BOM. A pipe fed one line at a time (`--flush-lines`) must
    /// not wait for 64 KiB that will never come before its first document.
    public init(_ base: AnyByteSource, limit: Int = 64 << 10) throws(InputError) {
        var base = base
        var head = [UInt8](repeating: 0, count: limit)
        var filled = 0
        peeking: while filled < limit {
            let result: Result<Int, InputError> = head.withUnsafeMutableBytes { raw in
                do throws(InputError) {
                    return .success(try base.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...])))
                } catch { return .failure(error) }
            }
            switch result {
            case .success(0):
                break peeking
            case .success(let n):
                filled += n
                if filled < limit && Self.decidable(head[0..<filled]) { break peeking }
            case .failure(let error):
                // Hand out what was read, then the error: documents before a truncation are kept.
                pendingError = error
                break peeking
            }
        }
        head.removeLast(limit - filled)
        self.base = base
        self.head = head
    }

    public var name: String { base.name }

    private static func decidable(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.count >= 2 && bytes.contains { !(($0 == 0x20) || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF) }
    }

    /// Drops a UTF-8 byte order mark at the very start, if there is one.
    public mutating func skipByteOrderMark() {
        if headPosition == 0 && head.starts(with: [0xEF, 0xBB, 0xBF]) { headPosition = 3 }
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        if headPosition < head.count {
            let n = min(buffer.count, head.count - headPosition)
            head.withUnsafeBytes { raw in
                buffer.baseAddress!.copyMemory(from: raw.baseAddress! + headPosition, byteCount: n)
            }
            headPosition += n
            return n
        }
        if let pendingError { throw pendingError }
        return try base.read(into: buffer)
    }
}
