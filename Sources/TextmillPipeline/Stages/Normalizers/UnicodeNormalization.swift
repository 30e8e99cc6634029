import TextmillJSON
import TextmillUnicode

/// ICU normalization: NFC, NFD, NFKC, NFKD or NFKC_Casefold.
///
/// ASCII that normalizes on its own (see `ASCIINormalization`) skips ICU.
/// Alignment: the already-normalized prefix is copied as is; the rest is cut at ICU's
/// normalization boundaries and each piece normalized on its own (which gives exactly the
/// whole-text result), so every output piece knows which original characters it came from.
public struct UnicodeNormalization: PipelineStage, StageDefinition {
    public static let typeName = "normalize"
    public static let optionNames: [String] = ["form"]
    public let form: UnicodeNormalizer.Form

    public init(form: UnicodeNormalizer.Form) { self.form = form }

    public init(config r: ConfigReader) throws(ConfigError) {
        self.init(form: try r.choice("form", default: nil))
    }

    public var resolvedOptions: [(String, JSONValue)] { [("form", .string(form.rawValue))] }

    public func makeRunner() throws -> any StageRunner { Runner(try UnicodeNormalizer(form)) }

    final class Runner: StageRunner {
        let normalizer: UnicodeNormalizer
        var piece: [UInt16] = []

        init(_ normalizer: UnicodeNormalizer) { self.normalizer = normalizer }

        func run(_ analysis: Analysis) throws {
            let n = analysis.text.count
            let lowercasing = normalizer.form == .nfkcCasefold
            // The leading ASCII is normalized in place, without ICU: one unit for one, so the
            // alignment holds. Most documents end here.
            let asciiPrefix = analysis.text.units.withUnsafeMutableBufferPointer {
                ASCIINormalization.normalizePrefixInPlace($0, lowercasing: lowercasing)
            }
            if asciiPrefix == n { return }
            let source = analysis.text
            let firstChange = try source.units.withUnsafeBufferPointer {
                try asciiPrefix + normalizer.normalizedPrefixLength(UnsafeBufferPointer(rebasing: $0[asciiPrefix...]))
            }
            if firstChange == n { return }  // already normalized: the common case for clean text
            var out = analysis.scratch
            analysis.scratch = AlignedText()
            out.removeAll()
            out.appendUnchanged(0..<firstChange, of: source)
            try source.units.withUnsafeBufferPointer { units in
                var pos = firstChange
                while pos < n {
                    if pos > firstChange {
                        let yes = try normalizer.normalizedPrefixLength(UnsafeBufferPointer(rebasing: units[pos...]))
                        if yes > 0 {
                            out.appendUnchanged(pos..<(pos + yes), of: source)
                            pos += yes
                            if pos == n { break }
                        }
                    }
                    let asciiEnd = ASCIINormalization.standaloneRunEnd(units, from: pos)
                    if asciiEnd > pos {
                        // ASCII that normalizes on its own (capitals under NFKC_Casefold): no ICU call.
                        let at = out.count
                        out.appendUnchanged(pos..<asciiEnd, of: source)
                        if lowercasing {
                            out.units.withUnsafeMutableBufferPointer { o in
                                for k in at..<o.count { o[k] = ASCIINormalization.lowercased(o[k]) }
                            }
                        }
                        pos = asciiEnd
                        continue
                    }
                    var end = pos + scalar(at: pos, in: units).1
                    while end < n {
                        let (c, len) = scalar(at: end, in: units)
                        if normalizer.hasBoundaryBefore(c) { break }
                        end += len
                    }
                    piece.removeAll(keepingCapacity: true)
                    try normalizer.normalize(UnsafeBufferPointer(rebasing: units[pos..<end]), appendingTo: &piece)
                    piece.withUnsafeBufferPointer { out.appendReplacement($0, for: pos..<end, of: source) }
                    pos = end
                }
            }
            analysis.scratch = out
            analysis.swapText()
        }
    }
}
