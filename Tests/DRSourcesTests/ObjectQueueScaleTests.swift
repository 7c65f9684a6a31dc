import DRAWS
import DRCore
import DRSourceKit
import DRTestSupport
import Foundation
import Testing

/// The object queue at production scale: a source bucket with 5,000 old versions and a few new ones whose
/// keys sort last. The scan carries its cursor across ticks (two pages of 1,000 a tick), finds the new objects
/// within the promised ticks, says how far it is, and never turns a partial scan into a pending count.
@Suite(.serialized) struct ObjectQueueScaleTests {
    static let pair = PairSpec(name: "big", primary: Bucket(name: "big-use1", region: "us-east-1"),
                               secondary: Bucket(name: "big-usw2", region: "us-west-2"), rpoSeconds: 900)

    /// A pair whose rule has no replication metrics (so the queue is all drtop knows of what waits).
    static func makeBigPair(_ lab: Lab) throws {
        let made = try Spawn.run(try #require(MotoServer.pythonPath), ["-c", """
            import boto3, sys
            def s3(port, region):
                return boto3.client("s3", region_name=region, endpoint_url=f"http://127.0.0.1:{port}",
                                    aws_access_key_id="testing", aws_secret_access_key="testing")
            east, west = s3(sys.argv[1], "us-east-1"), s3(sys.argv[2], "us-west-2")
            east.create_bucket(Bucket="big-use1")
            west.create_bucket(Bucket="big-usw2", CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
            for client, name in ((east, "big-use1"), (west, "big-usw2")):
                client.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
            east.put_bucket_replication(Bucket="big-use1", ReplicationConfiguration={
                "Role": "arn:aws:iam::123456789012:role/replication",
                "Rules": [{"ID": "all", "Priority": 1, "Status": "Enabled", "Filter": {"Prefix": ""},
                           "DeleteMarkerReplication": {"Status": "Enabled"},
                           "Destination": {"Bucket": "arn:aws:s3:::big-usw2"}}]})
            """, "\(lab.east)", "\(lab.west)"], capture: false)
        #expect(made.status == 0)
    }

    @Test func scanCoversTheBucketOverTicksAndFindsWhatSortsLast() async throws {
        let lab = try Lab(pairs: 1)
        try Self.makeBigPair(lab)
        try await lab.fault("/seed/big-use1?count=5000&prefix=old/&age=86400")
        try await lab.fault("/direction/big-use1/big-usw2/pause")
        try lab.write(3, to: "big-use1", region: "us-east-1")  // keys sort after "old/": the last page
        let client = lab.client()
        let source = AWSSource(pairs: [Self.pair], client: client)
        var previous: Snapshot?
        var foundAt: Int?
        var coverages: [String] = []
        for tick in 1...5 {
            let layout = try await source.layout()
            let now = Date()
            var outcomes: [String: RegionOutcome] = [:]
            for region in layout.regions {
                outcomes[region] = .answered(try await source.poll(region: region, now: now), elapsedMs: 1)
            }
            let snapshot = SnapshotAssembler.assemble(layout: layout, outcomes: outcomes, previous: previous, now: now,
                                                      sequence: tick, pollDurationSeconds: 0)
            previous = snapshot
            let direction = try #require(snapshot.pairs.first?.fromPrimary)
            let coverage = try #require(direction.queueCoverage, "tick \(tick): the scan says how far it is")
            coverages.append(coverage.text)
            #expect(!coverage.isComplete, "5,003 versions at 2,000 a tick are never listed in one tick")
            // No metrics on the rule: the partial scan's count must never become the pending figure.
            #expect(direction.pendingOperations == nil, "tick \(tick): \(String(describing: direction.pendingOperations))")
            #expect(!direction.pendingFromQueue)
            let waiting = direction.queue.filter { $0.status == .pending }
            if waiting.count == 3, foundAt == nil { foundAt = tick }
            if foundAt == nil { #expect(waiting.isEmpty) }
        }
        print("scan ticks: \(coverages)")
        #expect(foundAt == 3, "found at tick \(String(describing: foundAt)): ceil(5,003 / 2,000) = 3 ticks a pass")
        #expect(coverages.first == "scan: 2,000 of ≥ 2,000 versions, pass 1/?")
        #expect(coverages[2] == "scan: 5,003 of ≥ 5,003 versions, pass 3/3")
        #expect(coverages[3] == "scan: 2,000 of ≥ 5,003 versions, pass 1/3")
        let requests = client.requestCounts.first { $0.api == "ListObjectVersions" }?.count
        #expect(requests == 10, "two pages a tick: \(String(describing: requests))")

        // A HEAD that is denied is shown, naming the permission a versioned HEAD needs.
        try await lab.fault("/deny/HeadObject")
        let reading = try await source.poll(region: "us-east-1", now: Date())
        let problem = reading.directions[DirectionKey(source: "big-use1", destination: "big-usw2")]?.queueProblem
        #expect(problem?.message.contains("AccessDenied (needs s3:GetObjectVersion)") == true,
                "\(String(describing: problem))")
        #expect(reading.problems.contains { $0.message.contains("s3:GetObjectVersion") })
    }

    @Test func keysAreDecodedAndPrefixesRestrictTheScan() async throws {
        let lab = try Lab(pairs: 1)
        try Self.makeBigPair(lab)
        try await lab.fault("/direction/big-use1/big-usw2/pause")
        let put = try Spawn.run(try #require(MotoServer.pythonPath), ["-c", """
            import boto3, sys
            s3 = boto3.client("s3", region_name="us-east-1", endpoint_url=f"http://127.0.0.1:{sys.argv[1]}",
                              aws_access_key_id="testing", aws_secret_access_key="testing")
            s3.put_bucket_replication(Bucket="big-use1", ReplicationConfiguration={
                "Role": "arn:aws:iam::123456789012:role/replication",
                "Rules": [{"ID": "logs", "Priority": 1, "Status": "Enabled", "Filter": {"Prefix": "logs/"},
                           "DeleteMarkerReplication": {"Status": "Enabled"},
                           "Destination": {"Bucket": "arn:aws:s3:::big-usw2"}}]})
            for key in ("logs/a b+c%d.txt", "logs/ünï/x", "other/skip-me"):
                s3.put_object(Bucket="big-use1", Key=key, Body=b"x")
            """, "\(lab.east)"], capture: false)
        #expect(put.status == 0)
        let client = lab.client()
        let source = AWSSource(pairs: [Self.pair], client: client)
        _ = try await source.layout()
        let reading = try await source.poll(region: "us-east-1", now: Date())
        let part = try #require(reading.directions[DirectionKey(source: "big-use1", destination: "big-usw2")])
        // Held: both keys under logs/ come back decoded (sent URL-encoded, '+' for a space); other/ is never listed.
        let keys = Set((part.queue ?? []).map(\.key))
        #expect(keys == ["logs/a b+c%d.txt", "logs/ünï/x"], "\(keys)")
        #expect(part.queueCoverage?.text == "scan: all 2 versions every tick", "\(String(describing: part.queueCoverage))")
    }
}
