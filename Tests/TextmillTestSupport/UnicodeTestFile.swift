#if canImport(Glibc)
import Glibc
#endif

/// Unicode's conformance test files from Debian's `unicode-data` package (Unicode 15.0),
/// which `make deps` installs.
public enum UnicodeTestFile {
    public static let directory = "/usr/share/unicode"

    /// A break test case: the text (as UTF-16) and the expected boundaries (UTF-16 offsets).
    public struct BreakCase: Sendable {
        public let line: Int
        public let source: String
        public let units: [UInt16]
        public let boundaries: [Int]
    }

    /// Parses `auxiliary/WordBreakTest.txt` or `SentenceBreakTest.txt` ("÷ 0041 × 0042 ÷").
    public static func breakCases(_ name: String) -> [BreakCase] {
        var cases: [BreakCase] = []
        var number = 0
        for raw in String(decoding: Fixtures.read(directory + "/auxiliary/" + name), as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false)
        {
            number += 1
            let body = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let fields = body.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            if fields.isEmpty { continue }
            var units: [UInt16] = []
            var boundaries: [Int] = []
            for field in fields {
                if field == "÷" {
                    boundaries.append(units.count)
                } else if field == "×" {
                    continue
                } else if let scalar = UInt32(field, radix: 16).flatMap(Unicode.Scalar.init) {
                    units.append(contentsOf: String(Character(scalar)).utf16)
                }
            }
            cases.append(BreakCase(line: number, source: String(raw), units: units, boundaries: boundaries))
        }
        return cases
    }

    /// The lines of NormalizationTest.txt (shipped bzip2-compressed), decompressed once per
    /// test process (a static `let` is initialized exactly once, even with parallel tests).
    public static let normalizationLines: [String] = {
        let plain = "/tmp/textmill-NormalizationTest-\(getpid()).txt"
        let status = system("bzcat '\(directory)/NormalizationTest.txt.bz2' > '\(plain)'")
        precondition(status == 0, "cannot decompress NormalizationTest.txt.bz2 (is unicode-data installed? run make deps)")
        defer { unlink(plain) }
        return Fixtures.lines(plain)
    }()
}
