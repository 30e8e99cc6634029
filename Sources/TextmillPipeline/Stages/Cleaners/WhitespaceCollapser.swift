import TextmillJSON
import TextmillUnicode

/// Collapses each run of Unicode white space to one character and trims both ends.
///
/// A run that contains a line break becomes `\n` (so paragraph and sentence structure
/// survives), any other run a single space.
public struct WhitespaceCollapser: PipelineStage, StageDefinition {
    public static let typeName = "collapse_whitespace"
    public static let optionNames: [String] = []
    public init() {}

    public init(config r: ConfigReader) throws(ConfigError) {
        self.init()
    }

    public var resolvedOptions: [(String, JSONValue)] { [] }

    public func makeRunner() throws -> any StageRunner {
        ClosureRunner { analysis in
            let source = analysis.text
            var out = analysis.scratch
            analysis.scratch = AlignedText()
            out.removeAll()
            let newline: [UInt16] = [0x0A]
            let space: [UInt16] = [0x20]
            var i = 0
            var changed = false
            while i < source.count {
                let (c, len) = scalar(at: i, in: source.units)
                guard c == 0x20 || c == 0x0A || c == 0x09 || (c > 0x7F && CharacterProperties.isWhitespace(c))
                        || c == 0x0B || c == 0x0C || c == 0x0D else {
                    out.appendUnchanged(i..<(i + len), of: source)
                    i += len
                    continue
                }
                var j = i
                var hasBreak = false
                while j < source.count {
                    let (w, wl) = scalar(at: j, in: source.units)
                    let isSpace = w == 0x20 || w == 0x09 || (w >= 0x0A && w <= 0x0D)
                        || (w > 0x7F && CharacterProperties.isWhitespace(w))
                    if !isSpace { break }
                    if w == 0x0A || w == 0x0D || w == 0x2028 || w == 0x2029 || w == 0x85 { hasBreak = true }
                    j += wl
                }
                let atEdge = i == 0 || j == source.count
                if atEdge {
                    changed = true
                } else if j - i == 1 && (c == 0x20 || (c == 0x0A && hasBreak)) {
                    out.appendUnchanged(i..<j, of: source)
                } else {
                    changed = true
                    if hasBreak {
                        newline.withUnsafeBufferPointer { out.appendReplacement($0, for: i..<j, of: source) }
                    } else {
                        space.withUnsafeBufferPointer { out.appendReplacement($0, for: i..<j, of: source) }
                    }
                }
                i = j
            }
            if changed {
                analysis.scratch = out
                analysis.swapText()
            } else {
                out.removeAll()
                analysis.scratch = out
            }
        }
    }
}
