/// Reading and writing `term<TAB>count<TAB>df` rows, shared by partial counts, spill runs and
/// vocabulary files.
enum VocabRows {
    static func appendRow<C: Collection>(_ term: C, _ count: Int, _ df: Int, to out: inout [UInt8]) where C.Element == UInt8 {
        out.append(contentsOf: term)
        out.append(0x09)
        out.append(contentsOf: String(count).utf8)
        out.append(0x09)
        out.append(contentsOf: String(df).utf8)
        out.append(0x0A)
    }

    static func parseRow(_ line: ArraySlice<UInt8>) -> (term: ArraySlice<UInt8>, count: Int, df: Int)? {
        guard let tab1 = line.firstIndex(of: 0x09), let tab2 = line[(tab1 + 1)...].firstIndex(of: 0x09),
            let count = parseInt(line[(tab1 + 1)..<tab2]), let df = parseInt(line[(tab2 + 1)...])
        else { return nil }
        return (line[line.startIndex..<tab1], count, df)
    }

    static func parseInt(_ digits: ArraySlice<UInt8>) -> Int? {
        if digits.isEmpty || digits.count > 18 { return nil }
        var n = 0
        for d in digits {
            guard d >= 0x30 && d <= 0x39 else { return nil }
            n = n * 10 + Int(d - 0x30)
        }
        return n
    }
}
