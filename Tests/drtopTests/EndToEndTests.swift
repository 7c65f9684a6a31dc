import DRTestSupport
import Foundation
import Testing

/// The built drtop, started in a real terminal (tmux), driven with keys, read from the screen.
@Suite(.serialized) struct EndToEndTests {
    /// The drtop binary beside the test bundle (both are in the build's bin directory).
    static func binary() throws -> String {
        if let path = ProcessInfo.processInfo.environment["DRTOP_BINARY"] { return path }
        let bin = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bin, bin.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("drtop").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw TestFailure("drtop is not built next to the tests (\(bin.path)): run `swift build` first")
    }

    @Test func keysDriveEveryScreenAndQuitRestoresTheTerminal() throws {
        let session = try TmuxSession(command: "'\(try Self.binary())' --seed 7")
        var screen = try session.waitFor("BUCKET PAIR")
        #expect(screen.contains("DEMO"))
        try session.waitFor("polled")
        try session.send("Down", "Enter")
        try session.waitFor("RULES")
        // tmux may show a frame half written: wait for its last part before reading the rest.
        screen = try session.waitFor("QUEUE")
        #expect(screen.contains("LAG  clickstream-logs-use1 → clickstream-logs-usw2"))
        try session.send("f")
        try session.waitFor("FAILOVER CHECK  clickstream-logs")
        // The header first, the items after it: wait for an item before reading the screen (a half-drawn frame).
        screen = try session.waitFor("Target region reachable")
        #expect(screen.contains("VERDICT"))
        #expect(screen.contains("Target region reachable"))
        try session.send("Escape")
        try session.waitFor("RULES")
        try session.send("Escape")
        try session.waitFor("BUCKET PAIR")
        try session.send("?")
        try session.waitFor("KEYS")
        try session.send("Escape", "q")
        #expect(session.exitStatus() == 0)
        let (before, after) = try session.sttyBeforeAndAfter()
        #expect(before == after, "terminal settings restored")
    }

    @Test func demoScenarioKeyTakesARegionDown() throws {
        let session = try TmuxSession(command: "'\(try Self.binary())' --refresh 0.5")
        try session.waitFor("polled")
        try session.send("2")
        let screen = try session.waitFor("✖ down")
        #expect(screen.contains("connection refused"))
        #expect(screen.contains("region-outage"))
        try session.send("C-c")
        #expect(session.exitStatus() == 0)
    }

    @Test(arguments: [(SIGTERM, "TERM"), (SIGHUP, "HUP"), (SIGINT, "INT")])
    func signalsRestoreTheTerminal(signal: Int32, name: String) throws {
        let session = try TmuxSession(command: "'\(try Self.binary())'")
        try session.waitFor("BUCKET PAIR")
        let pids = try session.commandPIDs()
        #expect(pids.count == 1)
        for pid in pids { kill(pid, signal) }
        #expect(session.exitStatus() == 128 + signal, "SIG\(name)")
        let (before, after) = try session.sttyBeforeAndAfter()
        #expect(before == after, "terminal settings restored after SIG\(name)")
    }

    @Test func exportWritesTheReportWhereDrtopRuns() throws {
        let session = try TmuxSession(command: "'\(try Self.binary())'", width: 160, height: 40)
        try session.waitFor("polled")
        try session.send("f")
        try session.waitFor("FAILOVER CHECK")
        try session.send("e")
        let screen = try session.waitFor("failover check written to")
        let files = try FileManager.default.contentsOfDirectory(atPath: session.directory.path)
            .filter { $0.hasPrefix("drtop-failover-") && $0.hasSuffix(".md") }
        #expect(files.count == 1)
        let path = session.directory.appendingPathComponent(files.first ?? "missing")
        let markdown = try String(contentsOf: path, encoding: .utf8)
        #expect(markdown.contains("# Failover check: billing-exports"))
        #expect(markdown.contains("**Verdict:**"))
        #expect(markdown.contains("demo simulator"))
        #expect(screen.contains(files.first ?? "missing"))
        try session.send("q")
        #expect(session.exitStatus() == 0)
    }

    @Test func exportGoesWhereAskedAndSaysTheFullPath() throws {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("drtop-exports-\(UUID().uuidString)")
            .appendingPathComponent("reports")
        defer { try? FileManager.default.removeItem(at: target.deletingLastPathComponent()) }
        let session = try TmuxSession(command: "'\(try Self.binary())' --export-dir '\(target.path)'", width: 200, height: 40)
        try session.waitFor("polled")
        try session.send("f")
        try session.waitFor("FAILOVER CHECK")
        try session.send("e")
        let screen = try session.waitFor("failover check written to")
        let files = try FileManager.default.contentsOfDirectory(atPath: target.path).filter { $0.hasSuffix(".md") }
        #expect(files.count == 1, "the directory is made and the report written there")
        #expect(screen.contains(target.appendingPathComponent(files.first ?? "missing").path), "the full path: \(screen)")
        try session.send("q")
        #expect(session.exitStatus() == 0)

        // $XDG_STATE_HOME/drtop without --export-dir.
        let state = target.deletingLastPathComponent().appendingPathComponent("state")
        let second = try TmuxSession(command: "env XDG_STATE_HOME='\(state.path)' '\(try Self.binary())'", width: 200, height: 40)
        try second.waitFor("polled")
        try second.send("f")
        try second.waitFor("FAILOVER CHECK")
        try second.send("e")
        try second.waitFor("failover check written to \(state.path)/drtop/")
        try second.send("q")
        #expect(second.exitStatus() == 0)
    }

    @Test func resizingAtAnyMoment() throws {
        let session = try TmuxSession(command: "'\(try Self.binary())' --refresh 0.3")
        try session.waitFor("BUCKET PAIR")
        try session.send("Enter")
        try session.waitFor("RULES")
        for (width, height) in [(40, 10), (200, 60), (61, 15), (20, 5), (80, 24)] {
            try session.resize(width: width, height: height)
            usleep(100_000)
        }
        try session.waitFor("RULES")
        try session.resize(width: 30, height: 8)
        try session.waitFor("terminal too small")
        try session.resize(width: 100, height: 30)
        try session.send("Escape")
        try session.waitFor("BUCKET PAIR")
        try session.send("q")
        #expect(session.exitStatus() == 0)
    }

    @Test func tooSmallTerminalSaysSo() throws {
        let session = try TmuxSession(command: "'\(try Self.binary())'", width: 40, height: 12)
        try session.waitFor("terminal too small (need 60x15)")
        try session.send("q")
        #expect(session.exitStatus() == 0)
    }

    @Test func badArgumentsAreOneClearErrorAndNonZeroExit() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.binary())
        process.arguments = ["--rpo", "15x"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus != 0)
        #expect(text.contains("15x"))
        #expect(text.contains("--rpo"))
    }

    @Test func refusesToRunWithoutATerminal() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.binary())
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus != 0)
        #expect(text.contains("needs a terminal"))
    }
}
