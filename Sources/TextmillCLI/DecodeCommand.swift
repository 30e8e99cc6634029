import ArgumentParser
import TextmillJSON
import TextmillTokenizers

#if canImport(Glibc)
import Glibc
#endif

/// `textmill decode`: token ids back to text with the same tokenizer file that made them (HF
/// `decode` / tiktoken `decode`: bytes that are not valid UTF-8 become U+FFFD).
struct DecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Turn token ids back into text with a tokenizer file.",
        discussion: """
            With ids as arguments, prints their text. Without, reads JSONL records with an `ids` array \
            (textmill's own output) from --input or standard input and writes {"id", "text"} per line; \
            a line without usable ids gets an error on stderr naming its line, and the exit code is 1. \
            An id the tokenizer does not have is an error naming it (HF's decode skips such ids silently; \
            a silent gap in decoded text hides a tokenizer/ids mismatch).
            """)

    @Option(help: "The tokenizer file: HF tokenizer.json or a tiktoken rank file.")
    var tokenizer: String

    @Option(help: "The pre-tokenization of a tiktoken rank file (only needed when its name does not say).")
    var tiktokenPattern: String?

    @Flag(help: "Leave special tokens (<|endoftext|>, <s>, [CLS]…) out of the text.")
    var skipSpecialTokens = false

    @Option(help: "JSONL file of records with `ids` (default: standard input).")
    var input: String?

    @Argument(help: "Token ids, separated by spaces or commas.")
    var ids: [String] = []

    mutating func run() throws {
        let loaded: any TextTokenizer
        do {
            loaded = try TokenizerFile.load(path: tokenizer, tiktokenPattern: tiktokenPattern)
        } catch {
            throw FatalError("\(error)")
        }
        if !ids.isEmpty {
            var parsed: [UInt32] = []
            for argument in ids {
                for part in argument.split(whereSeparator: { $0 == "," || $0 == " " }) {
                    guard let id = UInt32(part) else { throw FatalError("decode: \"\(part)\" is not a token id") }
                    parsed.append(id)
                }
            }
            if let unknown = parsed.first(where: { loaded.token($0) == nil }) {
                throw FatalError("decode: id \(unknown) is not in \(tokenizer) (vocabulary size \(loaded.vocabularySize))")
            }
            print(String(decoding: loaded.decode(parsed, skipSpecialTokens: skipSpecialTokens), as: UTF8.self))
            return
        }
        let source = input ?? "-"
        let file: UnsafeMutablePointer<FILE>? = source == "-" ? fdopen(0, "r") : fopen(source, "r")
        guard let file else { throw FatalError("\(source): cannot open") }
        defer { if source != "-" { fclose(file) } }
        var failed = 0
        var lineNumber = 0
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        var out = JSONWriter(capacity: 1 << 16)
        while true {
            let length = getline(&line, &capacity, file)
            if length < 0 { break }
            lineNumber += 1
            let bytes = UnsafeRawBufferPointer(start: line, count: length)
            guard bytes.contains(where: { $0 != 0x0A && $0 != 0x0D && $0 != 0x20 }) else { continue }
            let record: JSONValue
            do { record = try JSONValue.parse(Array(bytes)) } catch {
                printError("\(source == "-" ? "standard input" : source):\(lineNumber): not JSON: \(error)")
                failed += 1
                continue
            }
            guard let values = record["ids"]?.arrayValue,
                  let decodedIDs = Optional(values.compactMap { $0.intValue.flatMap { UInt32(exactly: $0) } }),
                  decodedIDs.count == values.count else {
                printError("\(source == "-" ? "standard input" : source):\(lineNumber): no \"ids\" array of token ids")
                failed += 1
                continue
            }
            if let unknown = decodedIDs.first(where: { loaded.token($0) == nil }) {
                printError("\(source == "-" ? "standard input" : source):\(lineNumber): id \(unknown) is not in \(tokenizer) (vocabulary size \(loaded.vocabularySize))")
                failed += 1
                continue
            }
            let text = loaded.decode(decodedIDs, skipSpecialTokens: skipSpecialTokens)
            out.beginObject()
            if let id = record["id"] {
                out.key("id")
                out.raw(Array(id.jsonText.utf8))
                out.comma()
            }
            out.key("text")
            out.string(String(decoding: text, as: UTF8.self))
            out.endObject()
            out.newline()
            if out.bytes.count > 1 << 16 { flush(&out) }
        }
        free(line)
        flush(&out)
        if failed > 0 { throw ExitCode(ExitStatus.someDocumentsFailed.rawValue) }
    }

    private func flush(_ out: inout JSONWriter) {
        out.bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(1, buffer.baseAddress! + offset, buffer.count - offset)
                if n <= 0 { break }
                offset += n
            }
        }
        out.bytes.removeAll(keepingCapacity: true)
    }
}
