import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A thread of its own (not one of Swift concurrency's few pool threads, which a polling loop
/// would starve) that reads the process umask every 50 µs from /proc/self/status until stopped and counts
/// the readings that differ from the first.
final class UmaskWatcher: Sendable {
    /// What the watching thread and the test share.
    private final class State: Sendable {
        let running = Atomic<Bool>(true)
        let changes = Atomic<Int>(0)
        let initial: String
        init(initial: String) { self.initial = initial }
    }

    private let state: State
    private let thread: pthread_t

    init?() {
        guard let initial = Self.read() else { return nil }
        state = State(initial: initial)
        var thread = pthread_t()
        let context = Unmanaged.passRetained(state)
        let created = pthread_create(&thread, nil, { raw in
            let state = Unmanaged<State>.fromOpaque(raw!).takeRetainedValue()
            while state.running.load(ordering: .relaxed) {
                if UmaskWatcher.read() != state.initial { state.changes.add(1, ordering: .relaxed) }
                usleep(50)  // often enough to see the old bind window, without taking a core from the servers
            }
            return nil
        }, context.toOpaque())
        guard created == 0 else {
            context.release()
            return nil
        }
        self.thread = thread
    }

    /// Stops the thread; returns how many readings differed from the first.
    func stop() -> Int {
        state.running.store(false, ordering: .relaxed)
        pthread_join(thread, nil)
        return state.changes.load(ordering: .relaxed)
    }

    /// The `Umask:` line of /proc/self/status.
    static func read() -> String? {
        guard let file = fopen("/proc/self/status", "r") else { return nil }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if text.hasPrefix("Umask:") { return text }
        }
        return nil
    }
}
