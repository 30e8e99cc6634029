import TextmillFuzzTargets
import TextmillTestSupport
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// Replays every committed seed and every crash input ever found through its target's
/// property check, without the fuzzer: `Tests/Fixtures/fuzz/corpus/<target>/` and
/// `Tests/Fixtures/fuzz/regressions/<target>/` (docs/fuzzing.md says how inputs get there).
final class CorpusReplayTests: XCTestCase {
    static let fuzzRoot = Fixtures.path("Tests/Fixtures/fuzz")

    override class func tearDown() { FuzzTargetCatalog.removeScratchFiles() }

    func testEveryTargetHasSeeds() {
        for name in FuzzTargetCatalog.names {
            XCTAssertFalse(Self.files(in: "corpus/\(name)").isEmpty, "no seed inputs for \(name)")
        }
    }

    func testCommittedInputsKeepEveryProperty() throws {
        var checked = 0
        for name in FuzzTargetCatalog.names {
            let target = try XCTUnwrap(try FuzzTargetCatalog.make(name, packageRoot: Fixtures.packageRoot), name)
            for file in Self.files(in: "corpus/\(name)") + Self.files(in: "regressions/\(name)") {
                do { try target.check(Self.input(file)) } catch {
                    XCTFail("\(name) \(file): \(error)")
                }
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 3 * FuzzTargetCatalog.names.count)
    }

    /// The pending parsers are named, and the catalog has no target for them yet (the driver
    /// says "not covered yet" instead of pretending).
    func testPendingParsersHaveNoTargetYet() throws {
        for (name, _) in FuzzTargetCatalog.pending {
            XCTAssertNil(try FuzzTargetCatalog.make(name, packageRoot: Fixtures.packageRoot), name)
        }
    }

    /// A committed input's bytes: `NAME.hex` files hold binary inputs as hex digits (git keeps text only;
    /// scripts/fuzz/make-seeds.py writes them, scripts/fuzz/run.sh decodes them for the fuzzer).
    static func input(_ file: String) -> [UInt8] {
        let bytes = Fixtures.read(file)
        guard file.hasSuffix(".hex") else { return bytes }
        let digits = bytes.compactMap { byte -> UInt8? in
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "\n"): nil
            default: { XCTFail("\(file): not a hex digit: \(byte)"); return nil }()
            }
        }
        XCTAssertEqual(digits.count % 2, 0, "\(file): odd number of hex digits")
        return stride(from: 0, to: digits.count - 1, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
    }

    func testHexInputsDecode() {
        XCTAssertEqual(Self.input(Fixtures.path("Tests/Fixtures/fuzz/corpus/db-rows/seed-empty.hex")), [0x00, 0x00])
        // 1,039 bytes over several lines: the bytes the binary seed had before it became hex text.
        let llmc = Self.input(Fixtures.path("Tests/Fixtures/fuzz/corpus/shards/raw-llmc-u16.hex"))
        XCTAssertEqual(llmc.count, 1039)
        XCTAssertEqual(Array(llmc.prefix(6)), [0, 136, 216, 52, 1, 1])
        XCTAssertEqual(Array(llmc.suffix(3)), [255, 1, 0])
    }

    static func files(in relative: String) -> [String] {
        let directory = fuzzRoot + "/" + relative
        return Fixtures.listing(directory).filter { !$0.hasPrefix(".") }.map { directory + "/" + $0 }
    }
}
