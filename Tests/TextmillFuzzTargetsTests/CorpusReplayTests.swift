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
                do { try target.check(Fixtures.read(file)) } catch {
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

    static func files(in relative: String) -> [String] {
        let directory = fuzzRoot + "/" + relative
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if !name.hasPrefix(".") { names.append(directory + "/" + name) }
        }
        return names.sorted()
    }
}
