import ArgumentParser
import TextmillJSON
import TextmillPipeline

#if canImport(Glibc)
import Glibc
#endif

/// `textmill inspect`: show what the pipeline makes of one text.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Process one text and show the record (human-readable on a terminal, JSON with --json).")

    @Argument(help: "The text to process.")
    var text: String

    @OptionGroup var pipelineOptions: PipelineOptions

    @Flag(help: "Print the JSON record even on a terminal.")
    var json = false

    mutating func run() throws {
        let config = try pipelineOptions.load()
        let processor = try DocumentProcessor(pipeline: config.pipeline)
        var out = JSONWriter()
        let ok = processor.process(text: text, id: .number(1, literal: "1"), into: &out)
        if json || isatty(1) == 0 || !ok {
            print(String(decoding: out.bytes, as: UTF8.self), terminator: "")
        } else {
            print(describe(processor.lastAnalysis, config: config.name))
        }
        if !ok { throw ExitStatus.someDocumentsFailed.exitCode }
    }

    private func describe(_ analysis: Analysis, config: String) -> String {
        var lines = ["pipeline:   \(config)"]
        lines.append("normalized: \(String(decoding: analysis.text.units, as: UTF16.self))")
        lines.append("tokens:     \(analysis.tokens.count)")
        for token in analysis.tokens {
            let start = analysis.original.offset(Int(token.originStart), in: .codepoints)
            let end = analysis.original.offset(Int(token.originEnd), in: .codepoints)
            let padded = analysis.string(of: token).padding(16)
            lines.append("  \(padded) \(token.type.rawValue.padding(12)) [\(start), \(end))")
        }
        if !analysis.sentences.isEmpty {
            lines.append("sentences:  \(analysis.sentences.count)")
            for s in analysis.sentences {
                let start = analysis.original.offset(s.origin.lowerBound, in: .codepoints)
                let end = analysis.original.offset(s.origin.upperBound, in: .codepoints)
                lines.append("  [\(start), \(end))")
            }
        }
        for (name, value) in analysis.features {
            var w = JSONWriter()
            w.feature(value)
            lines.append("\(name): \(String(decoding: w.bytes, as: UTF8.self))")
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
