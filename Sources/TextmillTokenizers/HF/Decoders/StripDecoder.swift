/// Removes up to `start` leading and `stop` trailing `content` characters from each token.
struct StripDecoder: HFDecoder {
    let content: UInt32
    let start: Int
    let stop: Int

    func decodeChain(_ tokens: [String]) -> [String] {
        tokens.map { token in
            let chars = Array(token.unicodeScalars)
            var startCut = 0
            for i in 0 ..< min(start, chars.count) {
                if chars[i].value == content { startCut = i + 1 } else { break }
            }
            var stopCut = chars.count
            for i in 0 ..< stop {
                let index = chars.count - i - 1
                if index >= 0, chars[index].value == content { stopCut = index } else { break }
            }
            if startCut >= stopCut { return "" }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: chars[startCut ..< stopCut])
            return String(view)
        }
    }
}
