#if canImport(Glibc)
import Glibc
#endif
import TextmillDocuments

/// The worker process's side of the pool: initialize once, then serve chunk after chunk.
///
/// The coordinator's first frame (`initialize`) carries an opaque spec; `initialize` turns it
/// into a processor (loading the pipeline and its models once) and the pipeline fingerprint,
/// which goes back in the `ready` frame. Exits when its input pipe closes or on `shutdown`.
public enum WorkerLoop {
    public typealias Initializer = ([UInt8]) throws -> (fingerprint: String, processor: any ChunkProcessing)

    /// Serves on fds 3 (frames in) and 4 (frames out); returns the process exit status.
    public static func serve(initialize: Initializer) async -> Int32 {
        signal(SIGPIPE, SIG_IGN)
        // The coordinator alone decides when to stop; a terminal's signals go to it.
        signal(SIGINT, SIG_IGN)
        let pipe = BlockingPipe(input: SpawnedProcess.childInputFD, output: SpawnedProcess.childOutputFD)
        let fault = FaultInjection.fromEnvironment()
        do {
            guard let first = try pipe.readFrame() else { return 0 }
            guard first.kind == .initialize else { throw FrameError("expected an initialize frame, got \(first.kind)") }
            let processor: any ChunkProcessing
            do {
                let made = try initialize(first.payload)
                processor = made.processor
                try pipe.write(Frame(.ready, Array((fault?.fakeFingerprint ?? made.fingerprint).utf8)))
            } catch let error as FrameError {
                throw error
            } catch {
                try pipe.write(Frame(.error, Array("\(error)".utf8)))
                return 2
            }
            while let frame = try pipe.readFrame() {
                switch frame.kind {
                case .chunk:
                    let chunk = try ChunkWireFormat.decodeChunk(frame.payload)
                    fault?.apply(to: chunk, pipe: pipe)
                    let result = try await processor.process(chunk)
                    try pipe.writeFrame(.result, ChunkWireFormat.encodeFields(result), result.records)
                case .shutdown:
                    return 0
                default:
                    throw FrameError("unexpected \(frame.kind) frame")
                }
            }
            return 0
        } catch let error as FrameError where error.coordinatorGone {
            // The coordinator exited (or was killed) while this worker was busy: nothing to report to.
            return 0
        } catch {
            let message = Array("textmill worker \(getpid()): \(error)\n".utf8)
            message.withUnsafeBytes { _ = write(2, $0.baseAddress, $0.count) }
            return 3
        }
    }
}
