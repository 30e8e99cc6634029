import Synchronization

/// True for the first caller of `claim()` only: the reply that wins a race (a job's end
/// against a timeout) is the one sent.
final class OnceFlag: Sendable {
    private let taken = Atomic<Bool>(false)

    func claim() -> Bool { !taken.exchange(true, ordering: .relaxed) }
}
