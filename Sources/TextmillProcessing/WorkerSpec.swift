import TextmillConfig
import TextmillJSON
import TextmillPipeline

/// What a worker process needs to build the coordinator's exact pipeline: sent as JSON in the
/// pool's `initialize` frame.
///
/// The config travels resolved (every default filled in, overrides such as `--offsets` applied),
/// with the path it came from so relative model files resolve the same way; the worker
/// recomputes the fingerprint from it and from the model files it reads, and the pool refuses a
/// worker whose fingerprint differs.
public struct WorkerSpec: Sendable {
    /// Which processor the worker runs (see `WorkerTask`).
    public var task: WorkerTask
    public var configPath: String
    public var config: JSONValue
    public var fields: InputFields

    public init(task: WorkerTask, config: PipelineConfig, fields: InputFields) {
        self.task = task
        self.configPath = config.path
        self.config = config.resolved
        self.fields = fields
    }

    public var encoded: [UInt8] {
        let object = JSONValue.object([
            ("task", .string(task.rawValue)),
            ("config_path", .string(configPath)),
            ("config", config),
            ("text_field", .string(fields.textField)),
            ("id_field", .string(fields.idPath.joined(separator: "."))),
            ("keep_fields", .array(fields.keepPaths.map { .string($0.joined(separator: ".")) })),
        ])
        return Array(object.jsonText.utf8)
    }

    public static func decode(_ bytes: [UInt8]) throws -> (WorkerTask, PipelineConfig, InputFields) {
        let root = try JSONValue.parse(bytes)
        guard let taskName = root["task"]?.stringValue, let task = WorkerTask(rawValue: taskName),
            let path = root["config_path"]?.stringValue, let config = root["config"],
            let text = root["text_field"]?.stringValue, let id = root["id_field"]?.stringValue,
            let keep = root["keep_fields"]?.arrayValue
        else { throw ProcessingSetupError("malformed worker spec") }
        let loaded = try PipelineConfig.parse(Array(config.jsonText.utf8), path: path)
        let fields = InputFields(textField: text, idField: id, keepFields: keep.compactMap(\.stringValue))
        return (task, loaded, fields)
    }
}
