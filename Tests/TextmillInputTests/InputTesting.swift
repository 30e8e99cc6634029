import TextmillDocuments
import TextmillInput
import TextmillJSON
import TextmillTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// One document as the tests look at it: where it came from and what it holds.
struct ReadDocument: Equatable, CustomStringConvertible {
    var source: String
    var line: Int
    var id: String?
    var text: String?
    var error: DocumentError.Code?
    var message: String?
    var carried: [String: String] = [:]

    var description: String {
        if let error { return "\(source):\(line) \(error.rawValue): \(message ?? "")" }
        return "\(source):\(line) id=\(id ?? "nil") text=\(text.map { "\"\($0)\"" } ?? "nil")"
    }
}

enum InputTesting {
    static func fixture(_ name: String) -> String { Fixtures.path("Tests/Fixtures/inputs/" + name) }

    /// Every document of the stream over `paths`.
    static func read(_ paths: [String], _ options: InputOptions = InputOptions()) throws(InputError) -> [ReadDocument] {
        let stream = try DocumentStream(paths: paths, options: options)
        var out: [ReadDocument] = []
        while let document = try stream.next() { out.append(describe(document)) }
        return out
    }

    static func describe(_ document: InputDocument) -> ReadDocument {
        var read = ReadDocument(source: document.locator.source, line: document.locator.line)
        switch document.payload {
        case .jsonLine(let bytes):
            read.text = String(decoding: bytes, as: UTF8.self)
        case .extracted(let id, let text, let carried):
            read.id = id.map { $0.stringValue ?? $0.jsonText }
            read.text = String(decoding: text, as: UTF8.self)
            for (key, value) in carried { read.carried[key] = value.stringValue ?? value.jsonText }
        case .unreadable(let error):
            read.error = error.code
            read.message = error.message
        }
        return read
    }

    /// Writes `bytes` to `name` in a fresh temporary directory and returns the file's path.
    static func temporaryFile(_ name: String, _ bytes: [UInt8], in directory: String? = nil) -> String {
        let dir = directory ?? TextmillBinary.temporaryDirectory()
        let path = dir + "/" + name
        TextmillBinary.write(path, bytes)
        return path
    }

    static func gzip(_ path: String) {
        precondition(system("gzip -f '\(path)'") == 0, "gzip failed")
    }
}
