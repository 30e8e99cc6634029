/// A connection's requests read but not yet answered: the ones in flight, and the lines that
/// wait for in-flight room (at most what one read delivered, since reading stops meanwhile).
struct RequestBacklog {
    let maxInFlight: Int
    private(set) var inFlight = 0
    private var waiting: [LineFrame] = []
    private var head = 0

    init(maxInFlight: Int) {
        self.maxInFlight = maxInFlight
    }

    /// Nothing in flight and nothing waiting.
    var isIdle: Bool { inFlight == 0 && head == waiting.count }

    /// A line read now can be handled at once: there is room, and no earlier line waits.
    var acceptsNow: Bool { inFlight < maxInFlight && head == waiting.count }

    /// Keeps a line until `nextWaiting` hands it out, after the lines before it.
    mutating func wait(_ frame: LineFrame) {
        waiting.append(frame)
    }

    /// The oldest waiting line, when there is in-flight room for it.
    mutating func nextWaiting() -> LineFrame? {
        guard head < waiting.count, inFlight < maxInFlight else { return nil }
        let frame = waiting[head]
        head += 1
        if head == waiting.count {
            waiting.removeAll(keepingCapacity: true)
            head = 0
        }
        return frame
    }

    /// A request was handed to a method that answers later.
    mutating func started() { inFlight += 1 }

    /// A request handed out by `started` was answered.
    mutating func finished() { inFlight -= 1 }
}
