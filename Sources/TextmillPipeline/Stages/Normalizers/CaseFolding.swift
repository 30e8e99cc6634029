import TextmillJSON
import TextmillUnicode

/// Full Unicode case folding (`ß` → `ss`), context-free, so each character is aligned alone.
public struct CaseFolding: PipelineStage, StageDefinition {
    public static let typeName = "casefold"
    public static let optionNames: [String] = []
    public init() {}

    public init(config r: ConfigReader) throws(ConfigError) {
        self.init()
    }

    public var resolvedOptions: [(String, JSONValue)] { [] }

    public func makeRunner() throws -> any StageRunner { Runner() }

    final class Runner: StageRunner {
        let mapper = CaseMapper(.fold)
        var piece: [UInt16] = []
        /// ICU's folding of each BMP character this worker has met (0: not met yet; else
        /// `foldsToOne | unit`, or `foldsToMany` when the folding is longer than one unit): one
        /// `u_strFoldCase` call per distinct character instead of one per character.
        var folded = [UInt32](repeating: 0, count: 0x10000)
        static let foldsToOne: UInt32 = 1 << 16, foldsToMany: UInt32 = 1 << 17

        func run(_ analysis: Analysis) throws {
            let source = analysis.text
            var out = analysis.scratch
            analysis.scratch = AlignedText()
            out.removeAll()
            try source.units.withUnsafeBufferPointer { units in
                var i = 0
                var runStart = 0
                while i < units.count {
                    let u = units[i]
                    if u < 0x80 {
                        // ASCII folds to lowercase; done inline, ICU is only called for the rest.
                        if u >= 0x41 && u <= 0x5A {
                            if runStart < i { out.appendUnchanged(runStart..<i, of: source) }
                            out.appendMapped(u + 0x20, forUnitAt: i, of: source)
                            runStart = i + 1
                        }
                        i += 1
                        continue
                    }
                    let len = scalar(at: i, in: units).1
                    if len == 1 {
                        var known = folded[Int(u)]
                        if known == 0 {
                            piece.removeAll(keepingCapacity: true)
                            try mapper.map(UnsafeBufferPointer(rebasing: units[i..<(i + 1)]), appendingTo: &piece)
                            known = piece.count == 1 ? Self.foldsToOne | UInt32(piece[0]) : Self.foldsToMany
                            folded[Int(u)] = known
                        }
                        if known & Self.foldsToOne != 0 {
                            if UInt16(truncatingIfNeeded: known) != u {
                                if runStart < i { out.appendUnchanged(runStart..<i, of: source) }
                                withUnsafeTemporaryAllocation(of: UInt16.self, capacity: 1) { one in
                                    one[0] = UInt16(truncatingIfNeeded: known)
                                    out.appendReplacement(UnsafeBufferPointer(one), for: i..<(i + 1), of: source)
                                }
                                runStart = i + 1
                            }
                            i += 1
                            continue
                        }
                    }
                    piece.removeAll(keepingCapacity: true)
                    try mapper.map(UnsafeBufferPointer(rebasing: units[i..<(i + len)]), appendingTo: &piece)
                    if piece.count != len || piece[0] != u || (len == 2 && piece[1] != units[i + 1]) {
                        if runStart < i { out.appendUnchanged(runStart..<i, of: source) }
                        piece.withUnsafeBufferPointer { out.appendReplacement($0, for: i..<(i + len), of: source) }
                        runStart = i + len
                    }
                    i += len
                }
                if runStart < units.count { out.appendUnchanged(runStart..<units.count, of: source) }
            }
            analysis.scratch = out
            analysis.swapText()
        }
    }
}
