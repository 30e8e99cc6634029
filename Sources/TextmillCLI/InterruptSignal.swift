import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The SIGINT/SIGTERM that asked a run to stop, if one did.
///
/// The first signal only sets this flag: the run stops reading, finishes the chunks it has out,
/// flushes and writes its resume manifest. A second SIGINT exits at once.
enum InterruptSignal {
    private static let received = Atomic<Int32>(0)

    static func install() {
        for sig in [SIGINT, SIGTERM] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { sig in
                let (exchanged, _) = InterruptSignal.received.compareExchange(expected: 0, desired: sig, ordering: .relaxed)
                if !exchanged && sig == SIGINT { _exit(130) }
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(sig, &action, nil)
        }
    }

    /// The signal received, or 0.
    static var current: Int32 { received.load(ordering: .relaxed) }

    /// The exit status for the signal received: 130 (SIGINT) or 143 (SIGTERM).
    static var exitStatus: ExitStatus { current == SIGTERM ? .terminated : .interrupted }
}
