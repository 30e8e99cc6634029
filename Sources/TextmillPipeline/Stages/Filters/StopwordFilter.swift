/// Drops tokens whose text is in a stopword list (exact match on the token's text as the
/// pipeline has made it, so lists are stored case-folded and the stage follows case folding).
public struct StopwordFilter: TokenFilter {
    public let words: ByteStringTable
    public let typeName = "stopwords"

    /// `lists` are newline-separated UTF-8 word lists (blank lines and `#` comments ignored);
    /// `extra` are more words.
    public init(lists: [[UInt8]], extra: [String] = []) {
        var table = ByteStringTable()
        for list in lists {
            var start = 0
            while start < list.count {
                var end = start
                while end < list.count && list[end] != 0x0A { end += 1 }
                var stop = end
                while stop > start && (list[stop - 1] == 0x0D || list[stop - 1] == 0x20 || list[stop - 1] == 0x09) { stop -= 1 }
                if stop > start && list[start] != UInt8(ascii: "#") { _ = table.insert(Array(list[start..<stop])) }
                start = end + 1
            }
        }
        for word in extra where !word.isEmpty { _ = table.insert(Array(word.utf8)) }
        words = table
    }

    public func makeRunner() throws -> any StageRunner {
        let words = self.words
        var scratch = TermList()
        return ClosureRunner { analysis in
            analysis.tokens.removeAll { token in
                scratch.removeAll()
                analysis.withUnits(of: token) { scratch.appendUTF8(of: $0) }
                return scratch.bytes.withUnsafeBufferPointer { words.find($0) } != nil
            }
        }
    }
}
