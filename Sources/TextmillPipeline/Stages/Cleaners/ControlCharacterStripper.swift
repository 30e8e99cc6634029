import TextmillJSON
import TextmillUnicode

/// Removes control characters (general category Cc) except tab and line feed.
/// `\r` goes too, so CRLF text ends up with plain newlines.
public struct ControlCharacterStripper: PipelineStage, StageDefinition {
    public static let typeName = "strip_controls"
    public static let optionNames: [String] = []
    public init() {}

    public init(config r: ConfigReader) throws(ConfigError) {
        self.init()
    }

    public var resolvedOptions: [(String, JSONValue)] { [] }

    public func makeRunner() throws -> any StageRunner {
        ClosureRunner { analysis in
            let source = analysis.text
            // Most texts hold none: find the first one in a loop that does nothing else.
            let first = source.units.withUnsafeBufferPointer { units in
                var i = 0
                while i < units.count && !Self.isStripped(units[i]) { i += 1 }
                return i
            }
            if first == source.count {
                analysis.scratch.removeAll()
                return  // nothing stripped: keep the current text as it is
            }
            var runStart = 0
            for i in first..<source.count where Self.isStripped(source.units[i]) {
                if runStart < i { analysis.scratch.appendUnchanged(runStart..<i, of: source) }
                runStart = i + 1
            }
            if runStart < source.count { analysis.scratch.appendUnchanged(runStart..<source.count, of: source) }
            analysis.swapText()
        }
    }

    /// Cc except tab and line feed: U+0000–U+001F and U+007F–U+009F.
    @inline(__always)
    static func isStripped(_ u: UInt16) -> Bool {
        u < 0x20 ? (u != 0x09 && u != 0x0A) : u &- 0x7F < 0x21
    }
}
