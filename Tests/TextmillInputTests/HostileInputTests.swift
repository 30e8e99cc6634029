import Testing
import TextmillDocuments
import TextmillInput
import TextmillTestSupport

/// Random markup-ish garbage through every reader: it may give documents or error records,
/// but never a crash, a hang or a lost file (each file's documents come in line order).
@Suite struct HostileInputTests {
    static let pieces: [String] = [
        "<", ">", "</", "/>", "<d>", "</d>", "<p>", "<br>", "<script>", "</script>", "<!DOCTYPE x [", "]>",
        "<!ENTITY e \"&e;\">", "&e;", "&amp;", "&#0;", "&#xD800;", "<![CDATA[", "]]>", "<?xml version=\"1.0\"?>",
        "\"", "\"\"", ",", "\t", "\n", "\r\n", "\r", " ", "text", "é", "\u{FEFF}", "{", "}", "\\", "\u{0}",
    ]

    @Test(arguments: [InputFormat.xml, .html, .csv, .tsv, .text, .jsonl])
    func garbageNeverCrashes(_ format: InputFormat) throws {
        var generator = SeededGenerator(seed: 7)
        let dir = TextmillBinary.temporaryDirectory()
        var paths: [String] = []
        for n in 0..<60 {
            var bytes = Array((0..<Int.random(in: 0...80, using: &generator))
                .map { _ in Self.pieces.randomElement(using: &generator)! }.joined().utf8)
            if Bool.random(using: &generator), !bytes.isEmpty { bytes[Int.random(in: 0..<bytes.count, using: &generator)] = 0xFF }
            if format == .csv || format == .tsv { bytes = Array("text\n".utf8) + bytes }
            paths.append(InputTesting.temporaryFile("g\(n)", bytes, in: dir))
        }
        let options = InputOptions(format: format, xpath: format == .xml || format == .html ? "//d" : nil, maxDocBytes: 1 << 16)
        let stream = try DocumentStream(paths: paths, options: options)
        var lastLine: [String: Int] = [:]
        while let document = try stream.next() {
            let line = document.locator.line
            #expect(line >= (lastLine[document.locator.source] ?? 0), "\(document.locator)")
            lastLine[document.locator.source] = line
            #expect(paths.contains(document.locator.source))
        }
    }
}
