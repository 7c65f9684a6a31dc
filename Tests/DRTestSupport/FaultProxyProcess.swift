import Foundation

/// lab/faultproxy.py in front of one lab endpoint, as a process of its own: `faults` are each kind's share of
/// drtop's requests (e.g. ["reset": 0.1, "timeout": 0.05]); `skew` pretends the server's clock is that many
/// seconds ahead. Stopped on deinit or `stop()` (then its port refuses connections).
package final class FaultProxyProcess {
    package let port: Int
    private let pid: pid_t
    private let statsFile: String
    private var stopped = false

    package init(upstreamPort: Int, faults: [String: Double] = [:], hold: Double = 5, skew: Double = 0) throws {
        guard let python = MotoServer.pythonPath else { throw TestFailure("python3 is needed for the fault proxy") }
        port = try MotoServer.freePort()
        statsFile = FileManager.default.temporaryDirectory.appendingPathComponent("faultproxy-\(UUID().uuidString).json").path
        var arguments = [Lab.folder.appendingPathComponent("faultproxy.py").path, "--upstream", "127.0.0.1:\(upstreamPort)",
                         "--port", "\(port)", "--hold", "\(hold)", "--stats-file", statsFile]
        if faults.isEmpty { arguments += ["--rate", "0"] }
        for (kind, share) in faults.sorted(by: { $0.key < $1.key }) { arguments += ["--fault", "\(kind)=\(share)"] }
        if skew != 0 { arguments += ["--skew", "\(skew)"] }
        pid = try Spawn.background(python, arguments)
        let deadline = Date().addingTimeInterval(10)
        while !MotoServer.answers(port: port) {
            if Date() > deadline { throw TestFailure("lab/faultproxy.py did not start on port \(port)") }
            usleep(50_000)
        }
    }

    deinit { stop() }

    /// Stops the proxy: its port refuses connections from now on.
    package func stop() {
        guard !stopped else { return }
        stopped = true
        kill(pid, SIGTERM)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        try? FileManager.default.removeItem(atPath: statsFile)
    }

    /// Faults injected so far by kind (the proxy rewrites its stats file each second).
    package func faults() -> [String: Int] {
        guard let data = FileManager.default.contents(atPath: statsFile),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object["faults"] as? [String: Int] ?? [:]
    }
}
