import DRTestSupport
import Foundation
import Testing

/// The dashboard against moto's server in a real terminal: pairs appear, the drill-down shows the rules read
/// from S3, and a server that goes away shows as regions down while the dashboard keeps running.
@Suite(.serialized) struct DashboardAgainstMotoTests {
    @Test func watchesRealBucketsAndShowsAnOutage() throws {
        let server = try MotoServer()
        _ = try server.runScript(SnapshotCommandTests.world, ["3"])
        let world = try WorldConfig(endpoint: server.endpoint, pairs: 3, refresh: "0.5s")
        let home = world.home
        let config = world.path
        let command = "env HOME='\(home.path)' AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=s3cr3t-tui "
            + "AWS_EC2_METADATA_DISABLED=true '\(try EndToEndTests.binary())' --config '\(config)'"
        let session = try TmuxSession(command: command, width: 120, height: 40)
        var screen = try session.waitFor("pair-2")
        try session.waitFor("polled")
        screen = try session.waitFor("● up")
        #expect(!screen.contains("DEMO"))
        #expect(!screen.contains("s3cr3t-tui"))
        try session.send("Enter")
        screen = try session.waitFor("RULES")
        #expect(screen.contains("to-usw2"))
        #expect(screen.contains("w0-usw2"))
        try session.send("Escape")
        try session.waitFor("BUCKET PAIR")
        server.stop()
        screen = try session.waitFor("✖ down", seconds: 15)
        #expect(screen.contains("connection refused"))
        try session.send("q")
        #expect(session.exitStatus() == 0)
        let (before, after) = try session.sttyBeforeAndAfter()
        #expect(before == after)
    }
}
