import TextmillFuzzTargets
import TextmillJSON
import TextmillTestSupport
import XCTest

/// The json target trusts `ReferenceJSONValidator`; this checks the reference itself against a
/// third parser, Python's `json` module, on the seeds and inputs the fuzzer found
/// (`Tests/Fixtures/fuzz/json-python-verdicts.jsonl`, made by scripts/fuzz/json-python-verdicts.py).
final class ReferenceJSONValidatorTests: XCTestCase {
    func testAgreesWithPythonsJSONModule() throws {
        let rows = Fixtures.lines(Fixtures.path("Tests/Fixtures/fuzz/json-python-verdicts.jsonl"))
        XCTAssertGreaterThan(rows.count, 100)
        var valid = 0
        for row in rows {
            let value = try JSONValue.parse(row)
            let input = try XCTUnwrap(Self.bytes(hex: value["hex"]?.stringValue ?? ""))
            let python = try XCTUnwrap(value["valid"]?.boolValue)
            let shown = String(decoding: input, as: UTF8.self)
            XCTAssertEqual(ReferenceJSONValidator.isValid(input, maxDepth: JSONParser.maxDepth), python, "reference on \(shown)")
            XCTAssertEqual((try? JSONValue.parse(input)) != nil, python, "JSONParser on \(shown)")
            if python { valid += 1 }
        }
        XCTAssertGreaterThan(valid, 20)
        XCTAssertGreaterThan(rows.count - valid, 20)
    }

    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        for i in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[i..<i + 2], as: UTF8.self), radix: 16) else { return nil }
            out.append(byte)
        }
        return out
    }
}
