import Synchronization

/// The last state a subscription reported for each job, so a job that is not running is
/// reported once per state change instead of on every tick.
final class JobStateMemory: Sendable {
    private let states = Mutex<[String: JobState]>([:])

    /// Records `state` for `id`; true when it differs from what was recorded before.
    func changed(_ id: String, _ state: JobState) -> Bool {
        states.withLock { states in
            defer { states[id] = state }
            return states[id] != state
        }
    }
}
