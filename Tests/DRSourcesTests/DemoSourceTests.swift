import DRCore
import DRDemo
import DRSourceKit
import Foundation
import Testing

@Suite struct DemoSourceTests {
    let start = Date(timeIntervalSince1970: 1_795_000_000)

    private func poll(_ source: DemoSource, _ region: String, at offset: Double = 0) async throws -> RegionReading {
        try await source.poll(region: region, now: start.addingTimeInterval(offset))
    }

    @Test func sameSeedSameWorld() async throws {
        let a = DemoSource(seed: 7, start: start)
        let b = DemoSource(seed: 7, start: start)
        #expect(try await poll(a, "us-east-1", at: 30) == (try await poll(b, "us-east-1", at: 30)))
        #expect(try await poll(a, "us-west-2", at: 30) == (try await poll(b, "us-west-2", at: 30)))
        let c = DemoSource(seed: 8, start: start)
        #expect(try await poll(c, "us-west-2", at: 30) != (try await poll(a, "us-west-2", at: 30)))
    }

    @Test func pollTimingDoesNotChangeTheWorld() async throws {
        let often = DemoSource(seed: 3, start: start)
        for second in stride(from: 1.0, through: 60, by: 1) { _ = try await poll(often, "us-west-2", at: second) }
        let once = DemoSource(seed: 3, start: start)
        #expect(try await poll(often, "us-west-2", at: 60) == (try await poll(once, "us-west-2", at: 60)))
    }

    @Test func layoutHasDistinctCharacters() async throws {
        let source = DemoSource(seed: 1, start: start, defaultRPOSeconds: 900)
        let layout = try await source.layout()
        #expect(layout.kind == .demo)
        #expect(layout.regions == ["us-east-1", "us-west-2"])
        #expect((6...10).contains(layout.pairs.count))
        #expect(Set(layout.pairs.map(\.name)).count == layout.pairs.count)
        #expect(layout.pairs.contains { $0.strategy == nil && $0.rpoSeconds != 900 }, "an explicit RPO wins")
        #expect(layout.pairs.contains { $0.strategy == .backupAndRestore && $0.rpoSeconds == 4 * 3600 })

        let east = try await poll(source, "us-east-1")
        let rules = east.directions.values.compactMap(\.rules).flatMap { $0 }
        #expect(rules.contains { !$0.replicationTimeControl }, "a pair without RTC")
        let west = try await poll(source, "us-west-2")
        let asymmetric = layout.pairs.contains { pair in
            let out = east.directions[DirectionKey(source: pair.primary.name, destination: pair.secondary.name)]
            let back = west.directions[DirectionKey(source: pair.secondary.name, destination: pair.primary.name)]
            guard let a = out?.rules?.first, let b = back?.rules?.first else { return false }
            return a.deleteMarkerReplication != b.deleteMarkerReplication
        }
        #expect(asymmetric, "delete-marker replication on one side only")
        #expect(west.directions.values.contains { $0.rules == [] }, "a one-way pair")
        let queue = east.directions.values.compactMap(\.queue).flatMap { $0 }
        #expect(queue.contains { $0.status == .pending && $0.key.contains("/") && $0.versionID.count == 32 })
    }

    @Test func steadyWorldHasBacklogsAndFailuresThatComeAndGo() async throws {
        let source = DemoSource(seed: 42, start: start, warmupSeconds: 900)
        var sawFailures = false
        var sawBacklog = false
        var sawNoFailures = false
        for minute in stride(from: 0.0, through: 60 * 60, by: 60) {
            let east = try await poll(source, "us-east-1", at: minute)
            let west = try await poll(source, "us-west-2", at: minute)
            let billing = east.directions[DirectionKey(source: "billing-exports-use1",
                                                       destination: "billing-exports-usw2")]
            if (billing?.failedOperations ?? 0) > 0 {
                sawFailures = true
                #expect(billing?.failures?.first?.reason == "DstKmsKeyNotFound")
            } else {
                sawNoFailures = true
            }
            let logs = west.directions[DirectionKey(source: "clickstream-logs-use1",
                                                    destination: "clickstream-logs-usw2")]
            if (logs?.pendingOperations ?? 0) > 1000 { sawBacklog = true }
        }
        #expect(sawFailures && sawNoFailures && sawBacklog)
    }

    @Test func regionOutage() async throws {
        let source = DemoSource(seed: 42, scenario: .regionOutage, start: start)
        await #expect(throws: SourceProblem.self) { try await poll(source, "us-west-2", at: 1) }
        let key = DirectionKey(source: "prod-assets-use1", destination: "prod-assets-usw2")
        let before = try await poll(source, "us-east-1", at: 1)
        let later = try await poll(source, "us-east-1", at: 300)
        let oldest = { (reading: RegionReading) in reading.directions[key]?.queue?.map(\.writtenAt).min() }
        #expect(oldest(before) != nil)
        #expect(oldest(later) == oldest(before), "nothing reaches the dark region: the oldest object still waits")
        #expect(before.directions[key]?.queue?.count == 200, "the outage began before launch: a full queue sample")
        source.setScenario(.steady)
        #expect((try? await poll(source, "us-west-2", at: 301)) != nil)
    }

    @Test func permissionFailureFailsEveryObjectFromEast() async throws {
        let source = DemoSource(seed: 42, scenario: .permissionFailure, start: start)
        let east = try await poll(source, "us-east-1", at: 120)
        let media = east.directions[DirectionKey(source: "media-uploads-use1", destination: "media-uploads-usw2")]
        #expect((media?.failedOperations ?? 0) > 100)
        #expect(media?.failures?.contains { $0.reason == "DstPutObjectNotPermitted" } == true)
    }

    @Test func surgeBreaksTheTightestRPO() async throws {
        let source = DemoSource(seed: 42, scenario: .backlogSurge, start: start)
        let west = try await poll(source, "us-west-2", at: 600)
        let lag = west.directions[DirectionKey(source: "user-content-use1", destination: "user-content-usw2")]?
            .lagSeconds ?? 0
        #expect(lag > 15, "active-active RPO is 15 s")
    }
}
