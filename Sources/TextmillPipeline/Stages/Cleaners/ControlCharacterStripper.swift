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
            var runStart = 0
            source.units.withUnsafeBufferPointer { units in
                for i in units.indices {
                    let u = units[i]
                    // One compare for the common case: U+00A0 and above, and printable ASCII.
                    guard u < 0xA0 && (u < 0x20 || u >= 0x7F) else { continue }
                    if u == 0x09 || u == 0x0A { continue }
                    if runStart < i { analysis.scratch.appendUnchanged(runStart..<i, of: source) }
                    runStart = i + 1
                }
            }
            if runStart == 0 {
                analysis.scratch.removeAll()
                return  // nothing stripped: keep the current text as it is
            }
            if runStart < source.count { analysis.scratch.appendUnchanged(runStart..<source.count, of: source) }
            analysis.swapText()
        }
    }
}
