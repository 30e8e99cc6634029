import TextmillDocuments
import TextmillInput

/// Runs a file through `DocumentStream`, the path `run` reads every input by, and describes
/// documents in a form the reader targets compare with their references.
enum InputReading {
    /// Every document of `path`, or the fatal error that stopped the stream.
    static func documents(_ path: String, _ options: InputOptions) -> Result<[InputDocument], InputError> {
        do throws(InputError) {
            let stream = try DocumentStream(paths: [path], options: options)
            var documents: [InputDocument] = []
            while let document = try stream.next() {
                documents.append(document)
                if documents.count > 1_000_000 { break }  // a runaway reader, reported by the caller's checks
            }
            return .success(documents)
        } catch {
            return .failure(error)
        }
    }

    /// Checks what every stream must keep: locators naming `path`.
    static func checkLocators(_ documents: [InputDocument], path: String) throws(PropertyViolation) {
        for (i, document) in documents.enumerated() {
            try PropertyViolation.require(
                document.locator.source == path, "document \(i) names \(document.locator.source), not \(path)")
        }
    }

    /// A compact description of a document, for comparing with a reference and for messages.
    static func describe(_ document: InputDocument) -> String {
        switch document.payload {
        case .jsonLine(let bytes): "line \(document.locator.line) json \(hex(bytes))"
        case .extracted(let id, let text, let carried):
            "line \(document.locator.line) id \(id?.jsonText ?? "-") text \(hex(text)) carried \(carried.map { "\($0.key)=\($0.value.jsonText)" })"
        case .unreadable(let error): "line \(document.locator.line) error \(error.code.rawValue)"
        }
    }

    static func compare(_ got: [InputDocument], _ expected: [String], _ what: String) throws(PropertyViolation) {
        let described = got.map(describe)
        guard described != expected else { return }
        let first = zip(described, expected).enumerated().first { $0.element.0 != $0.element.1 }
        if let first {
            throw PropertyViolation(
                "\(what): document \(first.offset) is [\(first.element.0)], the reference says [\(first.element.1)]")
        }
        throw PropertyViolation("\(what): \(described.count) documents, the reference says \(expected.count)")
    }
}
