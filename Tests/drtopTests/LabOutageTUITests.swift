import DRCore
import DRTestSupport
import Foundation
import Testing

/// The dashboard in a real terminal while the lab loses a region: refused connections, then an endpoint that
/// accepts and never answers. The outage is on screen within two polls, the other region keeps updating, the
/// failover check says NO-GO for the dead side, keys answer throughout, and drtop recovers without a restart.
@Suite(.serialized) struct LabOutageTUITests {
    /// Milliseconds from a key press to the screen showing its effect, as seen through tmux.
    static func keyToRedraw(_ session: TmuxSession, key: String, shows text: String) throws -> Double {
        let started = ContinuousClock.now
        try session.send(key)
        while ContinuousClock.now - started < .seconds(5) {
            if try session.screen().contains(text) {
                return (ContinuousClock.now - started).milliseconds
            }
        }
        throw TestFailure("the screen did not show \(text) within 5 s of \(key)")
    }

    static func regionLine(_ screen: String, _ region: String) -> String {
        screen.split(separator: "\n").first { $0.contains(region) && ($0.contains("up") || $0.contains("down")
            || $0.contains("degraded") || $0.contains("retrying")) }.map(String.init) ?? ""
    }

    @Test func outageHangAndRecoveryInTheTerminal() async throws {
        let lab = try Lab(pairs: 2, rpo: "1m")
        // Quick timeouts so a hung endpoint is called out within a few seconds.
        let extra = "connect_timeout = \"1s\"\nrequest_timeout = \"2s\"\n"
        let text = try String(contentsOfFile: lab.config, encoding: .utf8)
        try (extra + text).write(toFile: lab.config, atomically: true, encoding: .utf8)
        try lab.write(3, to: "lab0-use1", region: "us-east-1")
        let command = try lab.dashboardCommand()
        let session = try TmuxSession(command: command, width: 120, height: 40)
        try session.waitFor("lab1")
        var screen = try session.waitFor("● up", seconds: 15)

        // 1. Refused connections: us-west-2 is down with the reason within two polls (refresh 1 s).
        try await lab.fault("/region/us-west-2/refuse")
        let refused = ContinuousClock.now
        screen = try session.waitFor("✖ down", seconds: 6)
        let shownAfter = ContinuousClock.now - refused
        #expect(shownAfter < .seconds(3), "down shown after \(shownAfter)")
        print("outage: us-west-2 shown down \(shownAfter) after its endpoint began refusing (refresh 1 s)")
        screen = try session.waitFor("connection refused")
        #expect(Self.regionLine(screen, "us-east-1").contains("up"), "\(screen)")
        // The failover check follows its rules: failing over into the dead region is NO-GO.
        try session.send("f")
        screen = try session.waitFor("NO-GO")
        #expect(screen.contains("Target region reachable"), "\(screen)")
        try session.send("Escape")
        try session.waitFor("BUCKET PAIR")

        // 2. Back: recovers without a restart.
        try await lab.fault("/region/us-west-2/ok")
        let back = ContinuousClock.now
        try session.waitFor("● up", seconds: 10)
        let deadline = Date().addingTimeInterval(10)
        while Self.regionLine(try session.screen(), "us-west-2").contains("down"), Date() < deadline { usleep(100_000) }
        #expect(!Self.regionLine(try session.screen(), "us-west-2").contains("down"))
        print("outage: us-west-2 back up on screen \(ContinuousClock.now - back) after its endpoint returned")

        // 3. Hang: us-west-2 accepts and never answers. Keys answer within a frame throughout.
        try await lab.fault("/region/us-west-2/hang")
        var latencies: [Double] = []
        for _ in 0..<8 {
            latencies.append(try Self.keyToRedraw(session, key: "?", shows: "SYMBOLS"))
            latencies.append(try Self.keyToRedraw(session, key: "Escape", shows: "BUCKET PAIR"))
            usleep(200_000)
        }
        // One failed poll is retried, not an outage; the second in a row is. The poll's deadline or the request
        // timeout names the hang.
        screen = try session.waitFor("1 poll failed, retrying", seconds: 10)
        #expect(Self.regionLine(screen, "us-west-2").contains("▲ retrying"), "\(screen)")
        screen = try session.waitFor("✖ down", seconds: 10)
        let hung = Self.regionLine(screen, "us-west-2")
        #expect(hung.contains("no answer") || hung.contains("timed out"), "\(screen)")
        latencies.append(try Self.keyToRedraw(session, key: "?", shows: "SYMBOLS"))
        latencies.append(try Self.keyToRedraw(session, key: "Escape", shows: "BUCKET PAIR"))
        let sorted = latencies.sorted()
        let median = sorted[sorted.count / 2]
        print("key-to-redraw during hang (ms, through tmux): median \(Int(median)), max \(Int(sorted.last!)), n \(sorted.count)")
        // Measured through tmux (send-keys, then capture-pane in a loop), which adds a few ms of its own.
        #expect(sorted.last! < 250, "\(sorted)")
        #expect(median < 100, "\(sorted)")
        try await lab.fault("/region/us-west-2/ok")
        try session.send("q")
        #expect(session.exitStatus() == 0)
        let (before, after) = try session.sttyBeforeAndAfter()
        #expect(before == after)
    }
}
