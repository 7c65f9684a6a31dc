import DRAWS
import DRCore
import DRFrontDoor
import DRSourceKit
import DRTestSupport
import DRWire
import Foundation
import Testing

/// Transient faults are not outages: through the lab's fault proxy (one connection in ten reset, one request in
/// twenty held past the request timeout), 30 polls at a 1 s refresh never show a region down, the failover check
/// never fails on reachability, and the values stay right. A real outage is still down within two polls.
@Suite(.serialized) struct TransientFaultTests {
    @Test func resetsAndTimeoutsAreRetriedNotOutages() async throws {
        // A known truth to read through the faults: lab0's primary → secondary direction is paused with 3
        // objects held (3 pending, always); nothing else is written (0 pending); nothing fails.
        let lab = try Lab(pairs: 2)
        try await lab.fault("/direction/lab0-use1/lab0-usw2/pause")
        try lab.write(3, to: "lab0-use1", region: "us-east-1")
        let faults = ["reset": 0.1, "timeout": 0.05]
        let east = try FaultProxyProcess(upstreamPort: lab.east, faults: faults)
        let west = try FaultProxyProcess(upstreamPort: lab.west, faults: faults)
        let refresh = 1.0
        let client = AWSClient(
            transport: HTTPTransport(connectTimeout: 1, requestTimeout: DrtopConfig.defaultRequestTimeout(refresh: refresh)),
            endpoints: AWSEndpoints(regionOverrides: [
                "us-east-1": URL(string: "http://127.0.0.1:\(east.port)")!,
                "us-west-2": URL(string: "http://127.0.0.1:\(west.port)")!,
            ]),
            credentials: { AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing", source: "test") })
        let pairs = (0..<2).map { index in
            PairSpec(name: "lab\(index)", primary: Bucket(name: "lab\(index)-use1", region: "us-east-1"),
                     secondary: Bucket(name: "lab\(index)-usw2", region: "us-west-2"), rpoSeconds: 60)
        }
        let source = AWSSource(pairs: pairs, client: client, pollIntervalSeconds: refresh)
        let poller = Poller(source: source, intervalSeconds: refresh)
        let checklist = FailoverChecklist()
        var snapshots: [Snapshot] = []
        for await snapshot in poller.start() where snapshot.sequence > 0 {
            snapshots.append(snapshot)
            if snapshots.count == 30 { break }
        }
        poller.stop()
        let injected = east.faults().merging(west.faults(), uniquingKeysWith: +)
        #expect((injected["reset"] ?? 0) >= 3 && (injected["timeout"] ?? 0) >= 1, "the proxy did fault: \(injected)")

        var retried = 0
        for snapshot in snapshots {
            for region in snapshot.regions {
                #expect(region.reachability != .down,
                        "poll \(snapshot.sequence): \(region.name) shown down: \(region.problemLine ?? "")")
                if region.retryNote != nil { retried += 1 }
            }
            // Values stay right once the metrics have come in: steady replication, nothing pending or failed.
            guard snapshot.sequence >= 5 else { continue }
            for pair in snapshot.pairs {
                let report = checklist.run(pair: pair, in: snapshot, now: snapshot.takenAt)
                let reachable = report.items.first { $0.id == "target-reachable" }
                #expect(reachable?.result != .fail, "poll \(snapshot.sequence): \(reachable?.evidence ?? "")")
                for direction in pair.directions {
                    let held = pair.name == "lab0" && direction.source.name == "lab0-use1"
                    #expect(direction.lagSeconds != nil, "poll \(snapshot.sequence) \(pair.name): lag unknown")
                    let counts = "\(String(describing: direction.pendingOperations)) pending, "
                        + "\(String(describing: direction.failedOperations)) failed"
                    #expect(direction.pendingOperations == (held ? 3 : 0) && direction.failedOperations == 0,
                            "poll \(snapshot.sequence) \(pair.name) \(direction.source.name): \(counts)")
                }
            }
        }
        print("transient faults: injected \(injected), polls shown retrying \(retried) of \(snapshots.count * 2)")

        // A real outage: nothing listens at us-west-2's endpoint any more. Down within two polls.
        let outagePoller = Poller(source: source, intervalSeconds: refresh)
        var outage: [Snapshot] = []
        west.stop()
        for await snapshot in outagePoller.start() where snapshot.sequence > 0 {
            outage.append(snapshot)
            if outage.count == 2 { break }
        }
        outagePoller.stop()
        #expect(outage.last?.region("us-west-2")?.reachability == .down,
                "\(outage.map { $0.region("us-west-2")?.problemLine ?? "" })")
        #expect(outage.last?.region("us-east-1")?.reachability != .down)
    }
}
