import DRAWS
import DRCore
import DRSourceKit
import DRTestSupport
import Foundation
import Testing

/// One source, several destinations: S3's status on the source is the aggregate over every destination, so a
/// third bucket's failure must not become this pair's. The lab's fan-use1 replicates to fan-usw2 (the pair's
/// secondary) and fan-arch-usw2 (an archive copy outside the pair).
@Suite(.serialized) struct FanoutQueueTests {
    @Test func anotherDestinationsFailureIsNotThisDirections() async throws {
        let lab = try Lab(pairs: 1, setupArguments: ["--fanout"])
        let pair = PairSpec(name: "fan", primary: Bucket(name: "fan-use1", region: "us-east-1"),
                            secondary: Bucket(name: "fan-usw2", region: "us-west-2"), rpoSeconds: 900)
        let client = lab.client()
        let source = AWSSource(pairs: [pair], client: client)
        let key = DirectionKey(source: "fan-use1", destination: "fan-usw2")
        func queue() async throws -> [PendingObject] {
            _ = try await source.layout()
            return try await source.poll(region: "us-east-1", now: Date()).directions[key]?.queue ?? []
        }

        // The archive fails every object; the pair's secondary gets them all. Source: FAILED (the aggregate).
        try await lab.fault("/direction/fan-use1/fan-arch-usw2/fail?reason=DstKmsKeyNotFound")
        try lab.write(3, to: "fan-use1", region: "us-east-1")
        var objects = try await queue()
        let deadline = Date().addingTimeInterval(10)
        while try await statuses(lab)["FAILED"] ?? 0 < 3, Date() < deadline { try await Task.sleep(for: .milliseconds(200)) }
        objects = try await queue()
        objects = try await queue()
        #expect(objects.isEmpty, "the archive's failures are not fan-use1 → fan-usw2's: \(objects.map(\.key))")

        // The pair's secondary paused too: this direction now waits, and only S3's aggregate is known.
        try await lab.fault("/direction/fan-use1/fan-usw2/pause")
        try lab.write(2, to: "fan-use1", region: "us-east-1")
        try await Task.sleep(for: .seconds(1))
        objects = try await queue()
        #expect(objects.count == 2, "\(objects.map(\.key))")
        #expect(objects.allSatisfy { $0.note == "one of 2 destinations" }, "\(objects.map { $0.note ?? "-" })")
        #expect(objects.allSatisfy { $0.failureReason == nil }, "the archive's reason is not this direction's")
    }

    private func statuses(_ lab: Lab) async throws -> [String: Int] {
        try await lab.status()["objects"] as? [String: Int] ?? [:]
    }
}
