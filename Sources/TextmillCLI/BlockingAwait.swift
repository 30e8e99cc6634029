import Dispatch
import Synchronization

/// Runs async work from synchronous code (the server's start-up and shutdown in `serve`, the
/// chat backend's line-by-line calls) and waits for it on the calling thread, which is never
/// one of the concurrency pool's.
func blockingAwait<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let outcome = Mutex<Result<T, any Error>?>(nil)
    let done = DispatchSemaphore(value: 0)
    Task {
        let result: Result<T, any Error>
        do { result = .success(try await body()) } catch { result = .failure(error) }
        outcome.withLock { $0 = result }
        done.signal()
    }
    done.wait()
    return try outcome.withLock { $0! }.get()
}
