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
            var i = 0
            var runStart = 0
            while i < source.count {
                let u = source.units[i]
                let strip = u < 0x20 ? (u != 0x09 && u != 0x0A) : (u >= 0x7F && u <= 0x9F)
                if strip {
                    if runStart < i { analysis.scratch.appendUnchanged(runStart..<i, of: source) }
                    runStart = i + 1
                }
                i += 1
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
