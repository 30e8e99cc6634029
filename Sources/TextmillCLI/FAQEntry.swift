import TextmillPipeline
import TextmillConfig
import TextmillJSON

#if canImport(Glibc)
import Glibc
#endif

/// One question and its answer from a `--faq` JSONL file (`{"q": …, "a": …}` per line).
struct FAQEntry {
    let question: String
    let answer: String

    /// Reads every entry; a bad line is a usage error naming the file and line.
    static func load(path: String) throws -> [FAQEntry] {
        let bytes: [UInt8]
        do { bytes = try FileBytes.read(path) } catch { throw FatalError("--faq \(path): cannot read: \(error.reason)") }
        var entries: [FAQEntry] = []
        for (number, line) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            let value: JSONValue
            do { value = try JSONValue.parse(Array(line)) } catch {
                throw FatalError("\(path):\(number + 1): not valid JSON: \(error)")
            }
            guard let q = value["q"]?.stringValue, let a = value["a"]?.stringValue else {
                throw FatalError("\(path):\(number + 1): expected {\"q\": string, \"a\": string}")
            }
            entries.append(FAQEntry(question: q, answer: a))
        }
        if entries.isEmpty { throw FatalError("--faq \(path): no entries") }
        return entries
    }
}
