import TextmillJSON

/// Typed, path-aware access to one JSON object of a config, so every error names its field and
/// unknown keys are rejected (a typo must not silently fall back to a default).
public struct ConfigReader {
    /// The config file, for error messages; relative model files are resolved against its folder.
    public let file: String
    /// The object's path in the config (`stages[2]`), for error messages.
    public let path: String
    public let members: [(key: String, value: JSONValue)]
    /// The models folder (`models/`), where shared model files such as stopword lists are found
    /// when they are not beside the config; nil when there is none.
    public let modelsDirectory: String?

    public init(_ value: JSONValue, file: String, path: String, modelsDirectory: String? = nil) throws(ConfigError) {
        guard case .object(let members) = value else {
            throw ConfigError(file: file, field: path, "expected an object, found \(value.typeName)")
        }
        self.file = file
        self.path = path
        self.members = members
        self.modelsDirectory = modelsDirectory
    }

    /// The folder of the config file, against which relative model paths are resolved.
    public var configDirectory: String { directoryName(file) }

    /// A model file option: the path as written and where it is (relative paths are resolved
    /// against the config file's folder). A missing file is an error naming the field.
    public func modelFile(_ key: String) throws(ConfigError) -> (written: String, path: String) {
        let written = try string(key)
        let path = written.hasPrefix("/") ? written : configDirectory + "/" + written
        guard FileBytes.exists(path) else { throw fail(key, "model file \(path) does not exist") }
        return (written, path)
    }

    public func field(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    public func fail(_ key: String, _ message: String) -> ConfigError {
        ConfigError(file: file, field: field(key), message)
    }

    /// An error about the whole object (a library refused it: a bad ICU locale or ID), naming its path.
    public func stageError(_ error: any Error) -> ConfigError {
        ConfigError(file: file, field: path, "\(error)")
    }

    public func value(_ key: String) -> JSONValue? { members.last { $0.key == key }?.value }

    public func rejectUnknown(allowed: [String]) throws(ConfigError) {
        for member in members where !allowed.contains(member.key) {
            throw fail(member.key, "unknown field (allowed: \(allowed.joined(separator: ", ")))")
        }
    }

    public func string(_ key: String, default fallback: String? = nil) throws(ConfigError) -> String {
        guard let v = value(key) else {
            if let fallback { return fallback }
            throw fail(key, "required string is missing")
        }
        guard let s = v.stringValue else { throw fail(key, "expected a string, found \(v.typeName)") }
        return s
    }

    public func optionalString(_ key: String) throws(ConfigError) -> String? {
        guard let v = value(key) else { return nil }
        guard let s = v.stringValue else { throw fail(key, "expected a string, found \(v.typeName)") }
        return s
    }

    public func choice<T: RawRepresentable>(_ key: String, default fallback: T?) throws(ConfigError) -> T
    where T.RawValue == String, T: CaseIterable {
        let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
        guard let v = value(key) else {
            if let fallback { return fallback }
            throw fail(key, "required; one of \(allowed)")
        }
        guard let s = v.stringValue, let t = T(rawValue: s) else {
            throw fail(key, "\(v.jsonText) is not one of \(allowed)")
        }
        return t
    }

    public func int(_ key: String, default fallback: Int?, range: ClosedRange<Int>) throws(ConfigError) -> Int {
        guard let v = value(key) else {
            if let fallback { return fallback }
            throw fail(key, "required integer is missing")
        }
        guard let i = v.intValue else { throw fail(key, "expected an integer, found \(v.jsonText)") }
        guard range.contains(i) else { throw fail(key, "\(i) is outside \(range.lowerBound)...\(range.upperBound)") }
        return i
    }

    public func bool(_ key: String, default fallback: Bool) throws(ConfigError) -> Bool {
        guard let v = value(key) else { return fallback }
        guard let b = v.boolValue else { throw fail(key, "expected true or false, found \(v.jsonText)") }
        return b
    }

    public func strings(_ key: String, default fallback: [String]?) throws(ConfigError) -> [String] {
        guard let v = value(key) else {
            if let fallback { return fallback }
            throw fail(key, "required list of strings is missing")
        }
        guard let items = v.arrayValue else { throw fail(key, "expected a list of strings, found \(v.typeName)") }
        var out: [String] = []
        for (i, item) in items.enumerated() {
            guard let s = item.stringValue else {
                throw ConfigError(file: file, field: "\(field(key))[\(i)]", "expected a string, found \(item.typeName)")
            }
            out.append(s)
        }
        return out
    }

    public func choices<T: RawRepresentable>(_ key: String, default fallback: [T]?) throws(ConfigError) -> [T]
    where T.RawValue == String, T: CaseIterable {
        let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
        let names = try strings(key, default: fallback.map { $0.map(\.rawValue) })
        var out: [T] = []
        for (i, name) in names.enumerated() {
            guard let t = T(rawValue: name) else {
                throw ConfigError(file: file, field: "\(field(key))[\(i)]", "\"\(name)\" is not one of \(allowed)")
            }
            out.append(t)
        }
        return out
    }
}
