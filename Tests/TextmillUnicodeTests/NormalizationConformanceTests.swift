import Testing
import TextmillTestSupport
import TextmillUnicode

/// NormalizationTest.txt (Unicode 15.0): every invariant of its Part 0–3 lines must hold for
/// our normalizer wrapper, and every code point not listed in Part 1 must be left unchanged.
@Suite struct NormalizationConformanceTests {
    struct Row {
        let line: Int
        let c: [String]  // c1…c5
    }

    static let parsed = rows()

    static func rows() -> (rows: [Row], part1: Set<UInt32>) {
        var rows: [Row] = []
        var part1 = Set<UInt32>()
        var inPart1 = false
        for (i, line) in UnicodeTestFile.normalizationLines.enumerated() {
            if line.hasPrefix("@Part") {
                inPart1 = line.hasPrefix("@Part1")
                continue
            }
            if line.hasPrefix("#") { continue }
            let columns = line.split(separator: ";", omittingEmptySubsequences: false).prefix(5).map { column in
                String(String.UnicodeScalarView(column.split(separator: " ").compactMap { UInt32($0, radix: 16).flatMap(Unicode.Scalar.init) }))
            }
            guard columns.count == 5 else { continue }
            rows.append(Row(line: i + 1, c: columns))
            if inPart1, let scalar = columns[0].unicodeScalars.first { part1.insert(scalar.value) }
        }
        return (rows, part1)
    }

    @Test func everyInvariantHolds() throws {
        let nfc = try UnicodeNormalizer(.nfc), nfd = try UnicodeNormalizer(.nfd)
        let nfkc = try UnicodeNormalizer(.nfkc), nfkd = try UnicodeNormalizer(.nfkd)
        let (rows, _) = Self.parsed
        #expect(rows.count > 19_000)
        var failures: [Int] = []
        for row in rows {
            let c = row.c
            let ok = try
                (0...2).allSatisfy { try nfc.normalize(c[$0]) == c[1] } && (3...4).allSatisfy { try nfc.normalize(c[$0]) == c[3] }
                && (0...2).allSatisfy { try nfd.normalize(c[$0]) == c[2] } && (3...4).allSatisfy { try nfd.normalize(c[$0]) == c[4] }
                && (0...4).allSatisfy { try nfkc.normalize(c[$0]) == c[3] }
                && (0...4).allSatisfy { try nfkd.normalize(c[$0]) == c[4] }
            if !ok { failures.append(row.line) }
        }
        #expect(failures.isEmpty, "failing lines: \(failures.prefix(20))")
    }

    @Test func codePointsNotInPart1AreUnchanged() throws {
        let forms = try UnicodeNormalizer.Form.allCases.filter { $0 != .nfkcCasefold }.map { try UnicodeNormalizer($0) }
        let (_, part1) = Self.parsed
        var changed: [UInt32] = []
        for value in UInt32(0)...0x10FFFF where !part1.contains(value) {
            guard let scalar = Unicode.Scalar(value) else { continue }  // surrogates
            let s = String(Character(scalar))
            for form in forms where try form.normalize(s) != s {
                changed.append(value)
                break
            }
        }
        #expect(changed.isEmpty, "changed: \(changed.prefix(20).map { String($0, radix: 16) })")
    }
}
