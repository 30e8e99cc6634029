/// The types of frames exchanged between the coordinator and a worker process.
///
/// coordinator → worker: `initialize` (once), then `chunk`s, then `shutdown`.
/// worker → coordinator: `ready` (after loading the pipeline) or `error`, then one `result` per chunk.
public enum FrameKind: UInt8, Sendable {
    case initialize = 1
    case ready = 2
    case chunk = 3
    case result = 4
    case error = 5
    case shutdown = 6
}
