import NIOCore
import Testing
@testable import TextmillServer

/// The drain rules on a made-up clock: no sockets, no waiting.
@Suite struct ConnectionDrainTests {
    private static let zero = NIODeadline.uptimeNanoseconds(1_000_000_000)

    private static func at(ms: Int64) -> NIODeadline { zero + .milliseconds(ms) }

    private static func draining(timeout ms: Int64 = 1000) -> ConnectionDrain {
        var drain = ConnectionDrain(timeout: .milliseconds(ms), quiet: .milliseconds(100), now: zero)
        drain.start(at: zero)
        return drain
    }

    @Test func nothingHappensBeforeTheDrainStarts() {
        var drain = ConnectionDrain(timeout: .milliseconds(10), now: Self.zero)
        #expect(!drain.isDraining)
        #expect(drain.check(at: Self.at(ms: 60_000), idle: true, closing: false) == .keepGoing)
        #expect(!drain.deadlinePassed)
    }

    @Test func anIdleQuietConnectionClosesAfterItsReplies() {
        var drain = Self.draining()
        #expect(drain.check(at: Self.at(ms: 50), idle: true, closing: false) == .keepGoing)
        #expect(drain.check(at: Self.at(ms: 100), idle: true, closing: false) == .closeAfterReplies)
        #expect(!drain.deadlinePassed)
    }

    @Test func activityPostponesTheQuietClose() {
        var drain = Self.draining()
        drain.noteActivity(at: Self.at(ms: 90))
        #expect(drain.check(at: Self.at(ms: 150), idle: true, closing: false) == .keepGoing)
        #expect(drain.check(at: Self.at(ms: 190), idle: true, closing: false) == .closeAfterReplies)
    }

    @Test func requestsInFlightKeepTheConnectionOpenUntilTheDeadline() {
        var drain = Self.draining()
        #expect(drain.check(at: Self.at(ms: 500), idle: false, closing: false) == .keepGoing)
        #expect(!drain.deadlinePassed)
        // Past the deadline reading stops, and the connection still waits for its answers.
        #expect(drain.check(at: Self.at(ms: 1000), idle: false, closing: false) == .keepGoing)
        #expect(drain.deadlinePassed)
        // Once answered it closes at once, however recent the last activity.
        drain.noteActivity(at: Self.at(ms: 1010))
        #expect(drain.check(at: Self.at(ms: 1020), idle: true, closing: false) == .closeAfterReplies)
    }

    @Test func aClientThatTakesNoRepliesIsCutOffAtTwiceTheTimeout() {
        var drain = Self.draining()
        #expect(drain.check(at: Self.at(ms: 1999), idle: false, closing: true) == .keepGoing)
        #expect(drain.check(at: Self.at(ms: 2000), idle: false, closing: true) == .closeNow)
        #expect(drain.check(at: Self.at(ms: 2000), idle: true, closing: false) == .closeNow)
    }

    @Test func aClosingConnectionIsNotAskedToCloseAgain() {
        var drain = Self.draining()
        #expect(drain.check(at: Self.at(ms: 1500), idle: true, closing: true) == .keepGoing)
        // The deadline is only noted while the connection still reads.
        #expect(!drain.deadlinePassed)
    }
}
