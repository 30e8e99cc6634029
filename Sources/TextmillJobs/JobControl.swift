import Synchronization

/// A running job's stop switch: set by `job.cancel` or the server's shutdown, read by the run
/// between chunks.
final class JobControl: Sendable {
    enum Reason: Int {
        case none = 0, cancel, shutdown
    }

    private let value = Atomic<Int>(0)

    func stop(_ reason: Reason) {
        _ = value.compareExchange(expected: 0, desired: reason.rawValue, ordering: .relaxed)
    }

    var reason: Reason { Reason(rawValue: value.load(ordering: .relaxed)) ?? .none }
}
