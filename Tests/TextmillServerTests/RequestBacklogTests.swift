import Testing
@testable import TextmillServer

/// In-flight accounting and the waiting lines, in order.
@Suite struct RequestBacklogTests {
    private static func limit(_ backlog: inout RequestBacklog) -> Int? {
        guard case .tooLong(let limit)? = backlog.nextWaiting() else { return nil }
        return limit
    }

    @Test func linesWaitForRoomAndComeOutInOrder() {
        var backlog = RequestBacklog(maxInFlight: 2)
        #expect(backlog.isIdle && backlog.acceptsNow)
        backlog.started()
        backlog.started()
        #expect(!backlog.acceptsNow && !backlog.isIdle)
        backlog.wait(.tooLong(limit: 1))
        backlog.wait(.tooLong(limit: 2))
        backlog.wait(.tooLong(limit: 3))
        #expect(backlog.nextWaiting() == nil)  // no room yet
        backlog.finished()
        #expect(!backlog.acceptsNow)  // room, but earlier lines wait
        #expect(Self.limit(&backlog) == 1)
        backlog.started()
        #expect(backlog.nextWaiting() == nil)
        backlog.finished()
        backlog.finished()
        #expect(Self.limit(&backlog) == 2)
        #expect(Self.limit(&backlog) == 3)
        #expect(backlog.nextWaiting() == nil)
        #expect(backlog.isIdle && backlog.acceptsNow)
    }

    @Test func aLineHandledWithoutAnAnswerLaterLeavesNothingInFlight() {
        var backlog = RequestBacklog(maxInFlight: 1)
        backlog.wait(.tooLong(limit: 7))
        #expect(!backlog.isIdle)
        #expect(Self.limit(&backlog) == 7)
        #expect(backlog.isIdle)
        #expect(backlog.inFlight == 0)
    }
}
