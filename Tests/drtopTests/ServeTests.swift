import DRTestSupport
import DRWire
import Foundation
import Testing

/// `drtop serve` scraped by a real Prometheus server; the exposition and the shipped rules pass promtool.
@Suite(.serialized) struct ServeTests {
    static let deploy = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("deploy/prometheus")

    static func tool(_ name: String) throws -> String {
        for dir in ["/usr/bin", "/usr/local/bin"] where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
            return "\(dir)/\(name)"
        }
        throw TestFailure("\(name) is not installed: apt-get install -y prometheus (scripts/test.sh does)")
    }

    static let transport = HTTPTransport(connectTimeout: 1, requestTimeout: 3)

    static func get(_ url: String) async throws -> (Int, String) {
        let response = try await transport.send(method: "GET", url: URL(string: url)!, headers: [], body: Data())
        return (response.status, String(decoding: response.body, as: UTF8.self))
    }

    /// Waits until `url` answers 200 and `accept` likes the body.
    static func poll(_ url: String, seconds: Double, accept: (String) -> Bool = { _ in true }) async throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let (status, body) = try? await get(url), status == 200, accept(body) { return body }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw TestFailure("\(url) did not answer as expected within \(Int(seconds)) s")
    }

    final class Process: @unchecked Sendable {
        let pid: pid_t
        init(_ path: String, _ arguments: [String], environment: [String: String]? = nil) throws {
            pid = try Spawn.background(path, arguments, environment: environment)
        }
        deinit {
            kill(pid, SIGTERM)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
    }

    @Test func prometheusScrapesTheValueDrtopShows() async throws {
        let promtool = try Self.tool("promtool")
        let prometheus = try Self.tool("prometheus")
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("drtop-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }

        // One poll an hour: the values stay put while Prometheus scrapes them.
        let drtopPort = try MotoServer.freePort()
        let serve = try Process(try EndToEndTests.binary(),
                                ["serve", "--demo", "--refresh", "3600", "--listen", "127.0.0.1:\(drtopPort)"])
        let metrics = try await Self.poll("http://127.0.0.1:\(drtopPort)/metrics", seconds: 20)
        #expect(try await Self.get("http://127.0.0.1:\(drtopPort)/healthz").0 == 200)

        // The exposition passes promtool.
        let file = work.appendingPathComponent("metrics.txt")
        try metrics.write(to: file, atomically: true, encoding: .utf8)
        let lint = try Spawn.run("/bin/sh", ["-c", "'\(promtool)' check metrics < '\(file.path)'"], capture: true,
                                 mergeErrors: true)
        #expect(lint.status == 0, "\(lint.output)")
        let rules = try Spawn.run(promtool, ["check", "rules", Self.deploy.appendingPathComponent("alerts.yml").path],
                                  capture: true, mergeErrors: true)
        #expect(rules.status == 0, "\(rules.output)")

        // The lag drtop shows for prod-assets primary → secondary.
        let line = try #require(metrics.split(separator: "\n").first {
            $0.hasPrefix("drtop_replication_lag_seconds{pair=\"prod-assets\",source_region=\"us-east-1\"")
        })
        let shown = try #require(Double(line.split(separator: " ").last ?? ""))

        // A real Prometheus server scrapes drtop; its query API returns the same value.
        let promPort = try MotoServer.freePort()
        let config = work.appendingPathComponent("prometheus.yml")
        try """
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: drtop
                static_configs:
                  - targets: ["127.0.0.1:\(drtopPort)"]
            """.write(to: config, atomically: true, encoding: .utf8)
        let server = try Process(prometheus, [
            "--config.file=\(config.path)", "--storage.tsdb.path=\(work.appendingPathComponent("data").path)",
            "--web.listen-address=127.0.0.1:\(promPort)",
        ])
        let query = "drtop_replication_lag_seconds%7Bpair%3D%22prod-assets%22%2Csource_region%3D%22us-east-1%22%7D"
        let answer = try await Self.poll("http://127.0.0.1:\(promPort)/api/v1/query?query=\(query)", seconds: 40) {
            $0.contains("\"result\":[{")
        }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(answer.utf8)) as? [String: Any])
        let result = try #require(((json["data"] as? [String: Any])?["result"] as? [[String: Any]])?.first)
        let value = try #require((result["value"] as? [Any])?.last as? String)
        #expect(Double(value) == shown)
        _ = (serve, server)
    }

    @Test func saysWhereItListensAndAPortInUseIsOneSentence() async throws {
        let port = try MotoServer.freePort()
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("drtop-serve-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: log) }
        let binary = try EndToEndTests.binary()
        let serve = try Process("/bin/sh", ["-c", "exec '\(binary)' serve --demo --listen 127.0.0.1:\(port) 2>'\(log.path)'"])
        let page = try await Self.poll("http://127.0.0.1:\(port)/", seconds: 20)
        #expect(page.contains("<a href=\"/metrics\">"), "\(page)")
        let said = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(said.contains("drtop serve: metrics at http://127.0.0.1:\(port)/metrics"), "\(said)")
        #expect(said.contains("targets: [\"127.0.0.1:\(port)\"]"), "the scrape config line: \(said)")

        let second = try Spawn.run(binary, ["serve", "--demo", "--listen", "127.0.0.1:\(port)"], capture: true,
                                   mergeErrors: true)
        #expect(second.status == 2)
        #expect(second.output == "drtop serve: 127.0.0.1:\(port) is already in use (another drtop serve, or an "
            + "exporter?); choose another with --listen\n", "\(second.output)")
        _ = serve
    }
}
