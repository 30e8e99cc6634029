import Testing
import TextmillJSON
import TextmillTestSupport
@testable import TextmillCuration

/// The signals against datatrove 0.10.1 on the committed fixture (scripts/parity/quality/):
/// with the same words (textmill's tokens, given to datatrove too), every repetition value is
/// identical, and each filter keeps or drops the same documents, datatrove's reason among ours.
@Suite struct QualityParityTests {
    static let fixture = Fixtures.path("Tests/Fixtures/parity/quality.jsonl")

    @Test func repetitionValuesAndFilterDecisionsMatchDatatrove() throws {
        let computer = try QualitySignalComputer()
        let filter = try QualityFilter(config: ConfigReaderFixture.reader(#"{"min_num_sentences": -1}"#))
        let lines = Fixtures.lines(Self.fixture)
        #expect(lines.count >= 90)
        for line in lines {
            let doc = try JSONValue.parse(Array(line.utf8))
            let id = doc["id"]?.stringValue ?? ""
            let text = try #require(doc["text"]?.stringValue)
            let words = (doc["tokens"]?.arrayValue ?? []).compactMap { $0.stringValue }.map { Array($0.unicodeScalars) }
            let signals = computer.compute(text: Array(text.unicodeScalars), words: words)
            var values: [String: Double] = [:]
            for field in signals.fields {
                switch field.value {
                case .int(let i): values[field.key] = Double(i)
                case .double(let d): values[field.key] = d
                case .bool(let b): values[field.key] = b ? 1 : 0
                default: break
                }
            }
            for (key, expected) in doc["repetition"]?.objectValue ?? [] {
                #expect(values[key] == expected.doubleValue, "\(id) \(key)")
            }
            let failures = filter.failures(values)
            for family in QualityFilter.Family.allCases {
                let ours = Set(failures.filter { Self.family(of: $0.reason) == family }.map(\.reason))
                let theirs = doc["datatrove"]?[family.rawValue]?.stringValue
                if let theirs {
                    #expect(ours.contains(theirs), "\(id) \(family.rawValue): datatrove \(theirs), textmill \(ours.sorted())")
                } else {
                    #expect(ours.isEmpty, "\(id) \(family.rawValue): datatrove keeps, textmill \(ours.sorted())")
                }
            }
        }
    }

    static func family(of reason: String) -> QualityFilter.Family {
        if reason.hasPrefix("gopher_") { return .gopherQuality }
        if reason.hasPrefix("dup_") || reason.hasPrefix("top_") || reason.hasPrefix("duplicated_") { return .gopherRepetition }
        if ["lorem_ipsum", "curly_bracket", "too_few_sentences"].contains(reason) { return .c4 }
        return .fineweb
    }
}
