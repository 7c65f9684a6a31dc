import DRTestSupport
import Foundation
import Testing

/// Known secrets go in through the environment; no screen, JSON, Markdown, text, metrics or error output may
/// carry them out.
@Suite(.serialized) struct SecretScanTests {
    static let secret = "SECRETkey-9f8e7d6c5b4a-DO-NOT-SHOW"
    static let token = "SESSIONtoken-1a2b3c4d-DO-NOT-SHOW"

    @Test func noOutputCarriesSecrets() async throws {
        let lab = try Lab(pairs: 1)
        try lab.write(3, to: "lab0-use1", region: "us-east-1")
        let env = ["HOME": lab.home.path, "AWS_ACCESS_KEY_ID": "AKIDVISIBLE", "AWS_SECRET_ACCESS_KEY": Self.secret,
                   "AWS_SESSION_TOKEN": Self.token, "AWS_EC2_METADATA_DISABLED": "true"]
        var outputs: [String: String] = [:]
        let binary = try EndToEndTests.binary()
        func run(_ name: String, _ arguments: [String]) throws {
            outputs[name] = try Spawn.run(binary, arguments, capture: true, environment: env, mergeErrors: true).output
        }
        try run("snapshot", ["snapshot", "--json", "--config", lab.config])
        for format in ["text", "json", "markdown"] {
            try run("check \(format)", ["check", "--config", lab.config, "--format", format])
        }
        try run("bad pair", ["check", "--config", lab.config, "--pair", "nope"])
        try run("bad flag", ["snapshot", "--json", "--config", lab.config, "--refresh", "-1"])

        // Metrics as Prometheus would scrape them.
        let port = try MotoServer.freePort()
        let serve = try ServeTests.Process(binary, ["serve", "--config", lab.config, "--listen", "127.0.0.1:\(port)"],
                                           environment: env)
        outputs["metrics"] = try await ServeTests.poll("http://127.0.0.1:\(port)/metrics", seconds: 20)
        _ = serve

        // Every screen of the dashboard, and the exported report.
        let command = "env HOME='\(lab.home.path)' AWS_ACCESS_KEY_ID=AKIDVISIBLE AWS_SECRET_ACCESS_KEY='\(Self.secret)' "
            + "AWS_SESSION_TOKEN='\(Self.token)' AWS_EC2_METADATA_DISABLED=true '\(binary)' --config '\(lab.config)'"
        let session = try TmuxSession(command: command, width: 160, height: 45)
        outputs["overview"] = try session.waitFor("polled")
        try session.send("Enter")
        outputs["drill-down"] = try session.waitFor("RULES")
        try session.send("f")
        outputs["failover"] = try session.waitFor("FAILOVER CHECK")
        try session.send("e")
        outputs["export line"] = try session.waitFor("failover check written to")
        try session.send("?")
        outputs["help"] = try session.waitFor("KEYS")
        try session.send("q")
        _ = session.exitStatus()
        for file in try FileManager.default.contentsOfDirectory(atPath: session.directory.path)
        where file.hasSuffix(".md") {
            outputs["export \(file)"] = try String(contentsOf: session.directory.appendingPathComponent(file),
                                                   encoding: .utf8)
        }

        #expect(outputs.count >= 12)
        #expect(outputs["metrics"]?.contains("drtop_rpo_seconds") == true)
        #expect(outputs.keys.contains { $0.hasPrefix("export drtop-failover-") })
        for (name, text) in outputs {
            #expect(!text.contains(Self.secret), "\(name) shows the secret key")
            #expect(!text.contains(Self.token), "\(name) shows the session token")
        }
    }
}
