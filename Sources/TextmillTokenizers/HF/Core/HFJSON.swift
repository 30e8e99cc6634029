import TextmillJSON

/// A component of a tokenizer.json file with where it sits (`normalizer.normalizers[1]`), so every error
/// names the file and the component; typed getters with HF's defaults.
struct HFJSON {
    let value: JSONValue
    let location: String
    let file: String

    init(_ value: JSONValue, at location: String, file: String) {
        self.value = value
        self.location = location
        self.file = file
    }

    var isNull: Bool { if case .null = value { true } else { false } }

    /// The component's `"type"`.
    func type() throws -> String {
        guard let t = value["type"]?.stringValue else { throw invalid("has no \"type\"") }
        return t
    }

    func member(_ key: String) -> HFJSON? {
        guard let v = value[key] else { return nil }
        if case .null = v { return nil }
        return HFJSON(v, at: location.isEmpty ? key : "\(location).\(key)", file: file)
    }

    func string(_ key: String) throws -> String {
        guard let s = value[key]?.stringValue else { throw invalid("\(key) must be a string") }
        return s
    }

    func string(_ key: String, default fallback: String?) throws -> String? {
        guard let v = value[key] else { return fallback }
        if case .null = v { return fallback }
        guard let s = v.stringValue else { throw invalid("\(key) must be a string") }
        return s
    }

    func bool(_ key: String, default fallback: Bool) throws -> Bool {
        guard let v = value[key] else { return fallback }
        if case .null = v { return fallback }
        guard let b = v.boolValue else { throw invalid("\(key) must be true or false") }
        return b
    }

    func int(_ key: String, default fallback: Int?) throws -> Int? {
        guard let v = value[key] else { return fallback }
        if case .null = v { return fallback }
        guard let i = v.intValue else { throw invalid("\(key) must be an integer") }
        return i
    }

    func array(_ key: String) throws -> [HFJSON] {
        guard let a = value[key]?.arrayValue else { throw invalid("\(key) must be an array") }
        return a.enumerated().map { HFJSON($1, at: "\(location).\(key)[\($0)]", file: file) }
    }

    var items: [HFJSON]? {
        value.arrayValue.map { $0.enumerated().map { HFJSON($1, at: "\(location)[\($0)]", file: file) } }
    }

    func invalid(_ message: String) -> TokenizerError {
        .invalidFile(path: file, line: 0, message: "\(location.isEmpty ? "" : location + ": ")\(message)")
    }

    func unsupported(_ what: String) -> TokenizerError {
        .unsupported(path: file, what: "\(what) (at \(location))")
    }
}
