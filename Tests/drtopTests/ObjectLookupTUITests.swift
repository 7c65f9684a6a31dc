import DRTestSupport
import Foundation
import Testing

/// The drill-down's `o`: the selected queue object looked up on both sides, in the dashboard, against the lab.
@Suite(.serialized) struct ObjectLookupTUITests {
    @Test func lookUpTheSelectedQueueObject() async throws {
        let lab = try Lab(pairs: 1, rpo: "1m")
        try await lab.fault("/direction/lab0-use1/lab0-usw2/pause")
        try lab.write(2, to: "lab0-use1", region: "us-east-1")
        let command = try lab.dashboardCommand()
        let session = try TmuxSession(command: command, width: 120, height: 40)
        try session.waitFor("lab0")
        try session.send("Enter")
        // A queue row, not the overview's PENDING column header (which matched at once: `o` was then pressed on
        // the overview or on a drill-down whose first scan had not found the objects yet).
        try session.waitFor("QUEUE", seconds: 15)
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline, !(try session.screen()).split(separator: "\n").contains(where: {
            $0.contains("work/") && $0.contains("PENDING")
        }) { usleep(100_000) }
        try session.send("o")
        let screen = try session.waitFor("PENDING for", seconds: 10)
        #expect(screen.contains("OBJECT  lab0  work/"), "\(screen)")
        #expect(screen.contains("lab0-use1 (us-east-1)") && screen.contains("not there"), "\(screen)")
        try session.send("Escape")
        try session.waitFor("QUEUE")
        try session.send("q")
        #expect(session.exitStatus() == 0)
    }

    @Test func theDemoSaysItHasNoObjects() throws {
        let session = try TmuxSession(command: "'\(try EndToEndTests.binary())' --scenario backlog-surge", width: 120, height: 40)
        try session.waitFor("polled")
        try session.send("Enter")
        try session.waitFor("QUEUE")
        try session.send("o")
        try session.waitFor("the demo has no objects to look up")
        try session.send("q")
        #expect(session.exitStatus() == 0)
    }
}
