import DRTestSupport
import Foundation
import Testing

/// Hostile terminals: a resize storm while data updates, and a runtime error in the middle of a frame. The
/// terminal settings are restored every time and no process is left behind.
@Suite(.serialized) struct TerminalAbuseTests {
    @Test func resizeStormWhileDataUpdates() throws {
        let session = try TmuxSession(command: "'\(try EndToEndTests.binary())' --refresh 0.2", width: 120, height: 40)
        try session.waitFor("polled")
        let pids = try session.commandPIDs()
        var sizes = [(1, 1), (300, 100)]
        var generator = SystemRandomNumberGenerator()
        while sizes.count < 50 {
            sizes.append((Int.random(in: 1...300, using: &generator), Int.random(in: 1...100, using: &generator)))
        }
        let started = Date()
        for (index, (width, height)) in sizes.enumerated() {
            try session.resize(width: width, height: height)
            if index % 10 == 0 { try session.send(index % 20 == 0 ? "Enter" : "Escape") }
            usleep(80_000)
        }
        #expect(Date().timeIntervalSince(started) < 8, "50 resizes in about 5 s")
        for pid in pids { #expect(kill(pid, 0) == 0, "drtop survived the storm") }
        try session.resize(width: 120, height: 40)
        try session.send("Escape")
        try session.waitFor("BUCKET PAIR")
        try session.waitFor("polled 0s ago")
        try session.send("q")
        #expect(session.exitStatus() == 0)
        let (before, after) = try session.sttyBeforeAndAfter()
        #expect(before == after)
        for pid in pids { #expect(kill(pid, 0) != 0, "no drtop process left behind") }
    }

    @Test func runtimeErrorInAFrameRestoresTheTerminal() throws {
        let session = try TmuxSession(command: "env DRTOP_TEST_FAIL_IN_FRAME=3 '\(try EndToEndTests.binary())' --refresh 0.2")
        let status = session.exitStatus(seconds: 15)
        #expect(status != nil && status != 0, "the injected failure stops drtop (status \(String(describing: status)))")
        let (before, after) = try session.sttyBeforeAndAfter()
        #expect(before == after, "terminal settings restored after a failure in a frame")
        let screen = try session.screen()
        #expect(!screen.contains("BUCKET PAIR"), "the alternate screen was left: \(screen)")
    }
}
