#if canImport(Glibc)
import Glibc
#endif

/// The dispatcher's view of one worker process: its pipes, the chunks sent to it (answered in
/// order), the bytes still to write and the frames being read. Only the dispatcher thread uses it.
final class WorkerSlot {
    enum State { case starting, ready }

    let process: SpawnedProcess
    var state = State.starting
    /// Sent (or being sent) and not yet answered, oldest first: the worker answers in order.
    var inFlight: [PoolJob] = []
    private var output: [UInt8] = []
    private var outputOffset = 0
    var decoder = FrameDecoder()
    /// When the current head of `inFlight` (or the start-up) must have answered by.
    var deadline: ContinuousClock.Instant

    init(process: SpawnedProcess, initialization: [UInt8], startDeadline: ContinuousClock.Instant) {
        self.process = process
        self.deadline = startDeadline
        queue(Frame(.initialize, initialization).encoded)
    }

    var hasOutput: Bool { outputOffset < output.count }

    func queue(_ bytes: [UInt8]) {
        if outputOffset == output.count {
            output = bytes
            outputOffset = 0
        } else {
            output.append(contentsOf: bytes)
        }
    }

    enum IOOutcome { case progress, wouldBlock, closed }

    /// Writes as much pending output as the pipe takes.
    func flush() -> IOOutcome {
        while outputOffset < output.count {
            let n = output.withUnsafeBytes { write(process.toChild, $0.baseAddress! + outputOffset, output.count - outputOffset) }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN { return .wouldBlock }
                return .closed
            }
            outputOffset += n
        }
        output.removeAll(keepingCapacity: output.capacity <= 4 << 20)
        outputOffset = 0
        return .progress
    }

    /// Reads what the pipe has into the frame decoder.
    func fill(_ scratch: UnsafeMutableRawBufferPointer) -> IOOutcome {
        while true {
            let n = read(process.fromChild, scratch.baseAddress, scratch.count)
            if n > 0 {
                decoder.append(UnsafeRawBufferPointer(rebasing: scratch[0..<n]))
                if n < scratch.count { return .progress }
                continue
            }
            if n == 0 { return .closed }
            if errno == EINTR { continue }
            if errno == EAGAIN { return .progress }
            return .closed
        }
    }
}
