import TextmillJSON
import TextmillPipeline
import TextmillTestSupport

/// Fixture access and direct stage runs shared by the feature-stage tests.
enum FeatureTesting {
    /// The parsed lines of `Tests/Fixtures/parity/<name>`.
    static func parity(_ name: String) throws -> [JSONValue] {
        try Fixtures.lines(Fixtures.path("Tests/Fixtures/parity/" + name)).map { try JSONValue.parse($0) }
    }

    /// An analysis whose tokens are `words` (the text is the words joined by spaces).
    static func analysis(words: [String]) -> Analysis {
        let a = Analysis()
        a.original.units = Array(words.joined(separator: " ").utf16)
        a.begin()
        var at = 0
        for w in words {
            let n = w.utf16.count
            a.tokens.append(Token(start: at, end: at + n, origin: at..<(at + n), type: .word))
            at += n + 1
        }
        return a
    }

    /// An analysis whose terms are given directly.
    static func analysis(terms: [String]) -> Analysis {
        let a = Analysis()
        a.begin()
        for t in terms { a.terms.append(utf8: Array(t.utf8)) }
        a.terms.isProduced = true
        return a
    }

    static func run(_ stage: any PipelineStage, on analysis: Analysis) throws {
        try stage.makeRunner().run(analysis)
    }
}

extension JSONValue {
    var doubles: [Double] { arrayValue?.compactMap(\.doubleValue) ?? [] }
    var ints: [Int] { arrayValue?.compactMap(\.intValue) ?? [] }
}

extension FeatureValue {
    var intsValue: [Int]? { if case .ints(let v) = self { v } else { nil } }
    var doublesValue: [Double]? { if case .doubles(let v) = self { v } else { nil } }
}
