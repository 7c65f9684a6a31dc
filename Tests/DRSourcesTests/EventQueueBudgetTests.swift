import DRAWS
import DRCore
import DRSourceKit
import DRTestSupport
import Foundation
import Testing

/// S3 event notifications at production rates, against the lab's SQS (moto's) fed by its S3 and replicator:
/// a tick drains 10 messages a call until its budget, says how many are left when the budget is spent, and
/// counts Replication Time Control's events per direction.
@Suite(.serialized) struct EventQueueBudgetTests {
    func source(_ lab: Lab) -> AWSSource {
        let client = lab.client()
        let pair = PairSpec(name: "lab0", primary: Bucket(name: "lab0-use1", region: "us-east-1"),
                            secondary: Bucket(name: "lab0-usw2", region: "us-west-2"), rpoSeconds: 900)
        return AWSSource(pairs: [pair], client: client, eventQueues: ["lab0-use1": lab.eventQueues["us-east-1"]!])
    }

    static let key = DirectionKey(source: "lab0-use1", destination: "lab0-usw2")

    @Test func aSpentBudgetSaysHowManyAreLeft() async throws {
        let lab = try Lab(pairs: 1, events: true)
        try await lab.fault("/direction/lab0-use1/lab0-usw2/pause")
        try lab.write(260, to: "lab0-use1", region: "us-east-1")
        let source = source(lab)
        _ = try await source.layout()
        let first = try await source.poll(region: "us-east-1", now: Date()).directions[Self.key]
        let coverage = try #require(first?.queueCoverage)
        #expect(coverage.eventsRead == 200, "20 receives of 10: \(coverage.text)")
        let unread = try #require(coverage.eventsUnread, "the budget was spent: say what is left")
        #expect(unread >= 50 && unread <= 70, "\(coverage.text)")
        #expect(!coverage.isComplete)
        #expect(coverage.text.hasPrefix("events: 200 read, ~"), "\(coverage.text)")
        let second = try await source.poll(region: "us-east-1", now: Date()).directions[Self.key]
        #expect(second?.queueCoverage?.eventsUnread == nil, "drained: \(second?.queueCoverage?.text ?? "")")
        #expect(second?.queueCoverage?.isComplete == true)
        // Every event is followed; HEAD confirms at most 50 a tick, so two ticks show 100 PENDING.
        #expect((second?.queue ?? []).filter { $0.status == .pending }.count == 100)
    }

    @Test func replicationTimeControlEventsAreCounted() async throws {
        let lab = try Lab(pairs: 1, events: true, labArguments: ["--rtc-threshold", "1"])
        try await lab.fault("/direction/lab0-use1/lab0-usw2/pause")
        try lab.write(2, to: "lab0-use1", region: "us-east-1")
        let source = source(lab)
        _ = try await source.layout()
        _ = try await source.poll(region: "us-east-1", now: Date())
        try await Task.sleep(for: .seconds(2))
        var part = try await source.poll(region: "us-east-1", now: Date()).directions[Self.key]
        #expect(part?.replicationTime?.missedThreshold == 2, "\(String(describing: part?.replicationTime))")
        #expect(part?.queue?.allSatisfy { $0.note == "missed the RTC threshold" } == true)
        try await lab.fault("/direction/lab0-use1/lab0-usw2/ok")
        try await Task.sleep(for: .seconds(2))
        part = try await source.poll(region: "us-east-1", now: Date()).directions[Self.key]
        #expect(part?.replicationTime?.replicatedAfterThreshold == 2, "\(String(describing: part?.replicationTime))")
        #expect(part?.replicationTime?.text == "RTC: 2 missed the threshold (2 since replicated)")
        try await lab.fault("/direction/lab0-use1/lab0-usw2/pause")
        try lab.write(1, to: "lab0-use1", region: "us-east-1")
        // The lab marks the new object PENDING within its replicator's tick; only then can it stop tracking it.
        try await Task.sleep(for: .seconds(0.5))
        try await lab.fault("/direction/lab0-use1/lab0-usw2/untrack")
        var notTracked = 0
        let deadline = Date().addingTimeInterval(5)
        while notTracked < 1, Date() < deadline {
            try await Task.sleep(for: .milliseconds(300))
            part = try await source.poll(region: "us-east-1", now: Date()).directions[Self.key]
            notTracked = part?.replicationTime?.notTracked ?? 0
        }
        #expect(notTracked == 1, "\(String(describing: part?.replicationTime))")
    }
}
