import Dispatch
import Synchronization

/// Fork-join on threads for dedup's clustering steps.
enum ParallelWork {
    /// Runs `body(0)`, …, `body(count - 1)` at once on Dispatch's worker threads (at most one per
    /// core runs at a time) and rethrows the first error once all have returned.
    static func run(_ count: Int, _ body: @Sendable (Int) throws(DedupError) -> Void) throws(DedupError) {
        if count <= 1 {
            try body(0)
            return
        }
        let failure = Mutex<DedupError?>(nil)
        DispatchQueue.concurrentPerform(iterations: count) { i in
            do throws(DedupError) {
                try body(i)
            } catch {
                failure.withLock { if $0 == nil { $0 = error } }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
    }
}
