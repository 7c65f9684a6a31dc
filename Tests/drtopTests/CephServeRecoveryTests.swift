import DRTestSupport
import Foundation
import Testing

/// Recovery within one running drtop: `drtop serve` watching the real realm shows zone-b's gateway down while it
/// is stopped (and failing over to it NO-GO), and the same process, never restarted, shows it up again and its
/// direction read again once the gateway is started.
@Suite(.serialized) struct CephServeRecoveryTests {
    /// The value of the series `prefix` (name and labels, up to the closing brace) in `metrics`.
    static func value(_ metrics: String, _ prefix: String) -> Double? {
        metrics.split(separator: "\n").first { $0.hasPrefix(prefix + " ") }
            .flatMap { Double($0.split(separator: " ").last ?? "") }
    }

    @Test func aStoppedGatewayIsDownThenUpAgainInTheSameProcess() async throws {
        let cluster = try CephCluster.shared()
        let (home, config) = try cluster.drtopConfig(header: "refresh = \"1s\"\nrpo = \"1m\"")
        let port = try MotoServer.freePort()
        let serve = try ServeTests.Process(try EndToEndTests.binary(), [
            "serve", "--config", config, "--refresh", "1", "--listen", "127.0.0.1:\(port)",
        ], environment: ["HOME": home.path, "AWS_ACCESS_KEY_ID": cluster.system.accessKeyID,
                         "AWS_SECRET_ACCESS_KEY": cluster.system.secretAccessKey, "AWS_EC2_METADATA_DISABLED": "true"])
        let url = "http://127.0.0.1:\(port)/metrics"
        let up = #"drtop_region_up{region="zone-b"}"#
        let verdict = #"drtop_failover_verdict{pair="drtop-zg"}"#
        let lagInto = #"drtop_replication_lag_seconds{pair="drtop-zg",source_region="zone-a",destination_region="zone-b""#

        func lagIntoZoneB(_ metrics: String) -> Double? {
            metrics.split(separator: "\n").first { $0.hasPrefix(lagInto) }
                .flatMap { Double($0.split(separator: " ").last ?? "") }
        }

        var metrics = try await ServeTests.poll(url, seconds: 60) { Self.value($0, up) == 1 && lagIntoZoneB($0) != nil }
        #expect(Self.value(metrics, verdict) != 2, "caught up: failing over is not NO-GO\n\(metrics)")

        try cluster.stopGateway("zone-b")
        defer { try? cluster.startGateway("zone-b") }
        metrics = try await ServeTests.poll(url, seconds: 30) { Self.value($0, up) == 0 }
        #expect(Self.value(metrics, verdict) == 2, "zone-b down: failing over to it is NO-GO")
        #expect(Self.value(metrics, #"drtop_region_up{region="zone-a"}"#) == 1, "the other zone keeps answering")
        #expect(lagIntoZoneB(metrics) == nil, "the lag into a zone that does not answer is unknown, not a number")

        try cluster.startGateway("zone-b")
        metrics = try await ServeTests.poll(url, seconds: 60) { Self.value($0, up) == 1 && lagIntoZoneB($0) != nil }
        #expect(Self.value(metrics, verdict) != 2, "\(metrics)")
        #expect(Self.value(metrics, #"drtop_region_failed_polls{region="zone-b"}"#) == 0)
        // The same process all along: never restarted.
        #expect(kill(serve.pid, 0) == 0, "drtop serve (pid \(serve.pid)) is still the one running")
        #expect(try await ServeTests.get("http://127.0.0.1:\(port)/healthz").0 == 200)
    }
}
