import DRTestSupport
import Foundation
import Testing

/// The drill-down's chart over 6 h against the lab: `c` reads the pair's history from CloudWatch, and a breach
/// four hours back — before drtop started, outside the hour the snapshots carry — is drawn.
@Suite(.serialized) struct ChartHistoryTUITests {
    @Test func sixHoursShowAnOldBreach() throws {
        let lab = try Lab(pairs: 1, rpo: "1m")
        try lab.putLatency(source: "lab0-use1", destination: "lab0-usw2", rule: "to-usw2", region: "us-west-2",
                           [(4 * 60, 600)])
        let command = try lab.dashboardCommand()
        let session = try TmuxSession(command: command, width: 120, height: 40)
        try session.waitFor("lab0")
        try session.send("Enter")
        try session.waitFor("└−1h ")
        let hour = try session.screen()
        #expect(!hour.contains("█"), "nothing in the last hour reaches a full cell: \(hour)")
        try session.send("c")
        try session.waitFor("CloudWatch ReplicationLatency, 1-min maximum", seconds: 15)
        let six = try session.screen()
        #expect(six.contains("└−6h "), "\(six)")
        // 600 s against a 1 m RPO: the top of the chart is 11m, the breach a full column of the rows.
        #expect(six.contains("11m┤"), "\(six)")
        #expect(six.split(separator: "\n").filter { $0.contains("┤") && $0.contains("█") }.count >= 6, "\(six)")
        try session.send("c")
        try session.waitFor("CloudWatch ReplicationLatency, 5-min maximum", seconds: 15)
        #expect(try session.screen().contains("└−1d "))
        try session.send("q")
        #expect(session.exitStatus() == 0)
    }
}
