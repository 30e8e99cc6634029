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
