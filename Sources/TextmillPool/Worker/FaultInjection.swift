#if canImport(Glibc)
import Glibc
#endif
import TextmillDocuments

/// Test-only faults, so the pool's recovery can be tested against real crashes and hangs.
///
/// Off unless `TEXTMILL_FAULT` is set, as `ACTION:MARKER`: before processing a chunk, a worker
/// whose chunk holds a document containing MARKER (in its raw bytes) does ACTION:
/// `crash` (SIGSEGV), `kill` (SIGKILL), `exit` (exit status 3), `hang` (sleeps forever) or
/// `garbage` (writes bytes that are not a frame) or `slow` (sleeps 20 ms, then processes the chunk:
/// a run that lasts long enough to be disturbed from outside, however fast the machine).
/// `fingerprint:X` makes the worker report
/// pipeline fingerprint X instead of its own. `TEXTMILL_FAULT_ONCE=PATH` makes the fault
/// happen only while PATH does not exist (it is created), for transient faults.
struct FaultInjection {
    enum Action: String { case crash, kill, exit, hang, garbage, slow, fingerprint }

    /// The fingerprint to report instead of the real one, for `fingerprint:X`.
    var fakeFingerprint: String? {
        action == .fingerprint ? String(decoding: marker, as: UTF8.self) : nil
    }

    let action: Action
    let marker: [UInt8]
    let oncePath: String?

    static func fromEnvironment() -> FaultInjection? {
        guard let raw = getenv("TEXTMILL_FAULT").map({ String(cString: $0) }),
            let colon = raw.firstIndex(of: ":"),
            let action = Action(rawValue: String(raw[..<colon]))
        else { return nil }
        let marker = Array(raw[raw.index(after: colon)...].utf8)
        guard !marker.isEmpty else { return nil }
        return FaultInjection(action: action, marker: marker, oncePath: getenv("TEXTMILL_FAULT_ONCE").map { String(cString: $0) })
    }

    /// Does the fault if `chunk` triggers it (returns only for `garbage`, after writing it, and `slow`).
    func apply(to chunk: DocumentChunk, pipe: BlockingPipe) {
        guard action != .fingerprint, chunk.documents.contains(where: matches) else { return }
        if let oncePath {
            let fd = open(oncePath, O_CREAT | O_EXCL | O_WRONLY, 0o644)
            guard fd >= 0 else { return }
            close(fd)
        }
        switch action {
        case .crash:
            // The default action, not Swift's backtracer: a handled raise() would just return.
            signal(SIGSEGV, SIG_DFL)
            raise(SIGSEGV)
        case .kill: raise(SIGKILL)
        case .exit: Glibc.exit(3)
        case .hang: while true { sleep(1000) }
        case .garbage: try? pipe.writeAll(Array("this is not a frame".utf8))
        case .slow: usleep(20_000)
        case .fingerprint: break
        }
    }

    private func matches(_ document: InputDocument) -> Bool {
        switch document.payload {
        case .jsonLine(let bytes): contains(bytes)
        case .extracted(_, let text, _): contains(text)
        case .unreadable: false
        }
    }

    private func contains(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= marker.count else { return false }
        let first = marker[0]
        for start in 0...(bytes.count - marker.count) where bytes[start] == first {
            if bytes[start..<start + marker.count].elementsEqual(marker) { return true }
        }
        return false
    }
}
