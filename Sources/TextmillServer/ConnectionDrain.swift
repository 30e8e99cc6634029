import NIOCore

/// When a connection closes during the server's drain (SIGTERM), as a state machine the
/// connection asks every few milliseconds, so the rules are tested without sockets.
///
/// Requests the client already sent (in flight, waiting, or still in the socket buffer) are
/// answered; the connection closes once nothing is in flight and it has been quiet for `quiet`,
/// or, at the latest, when `timeout` has passed (reading stops then) and the requests read are
/// answered. A client that does not read its replies must not hold up the shutdown: a second
/// `timeout` later the connection is closed, dropping what it would not take.
struct ConnectionDrain {
    let timeout: TimeAmount
    let quiet: TimeAmount
    /// When the drain began; nil while the server is not draining.
    private(set) var started: NIODeadline?
    /// Past `timeout`: the connection reads nothing more.
    private(set) var deadlinePassed = false
    /// The last read, reply or reopening of reads: a connection quiet since then has nothing more coming.
    private(set) var lastActivity: NIODeadline

    /// What the connection should do now.
    enum Step: Equatable {
        case keepGoing
        /// Close once the replies written so far are out.
        case closeAfterReplies
        /// Close at once.
        case closeNow
    }

    init(timeout: TimeAmount, quiet: TimeAmount = .milliseconds(100), now: NIODeadline) {
        self.timeout = timeout
        self.quiet = quiet
        self.lastActivity = now
    }

    var isDraining: Bool { started != nil }

    mutating func noteActivity(at now: NIODeadline) {
        lastActivity = now
    }

    mutating func start(at now: NIODeadline) {
        started = now
    }

    /// `idle`: nothing in flight or waiting. `closing`: the connection is already closing (after
    /// its replies), so only the hard deadline matters.
    mutating func check(at now: NIODeadline, idle: Bool, closing: Bool) -> Step {
        guard let started else { return .keepGoing }
        if now - started >= timeout + timeout { return .closeNow }
        if closing { return .keepGoing }
        if now - started >= timeout { deadlinePassed = true }
        if idle && (deadlinePassed || now - lastActivity >= quiet) { return .closeAfterReplies }
        return .keepGoing
    }
}
