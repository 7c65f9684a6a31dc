import DRAWS
import DRCore
import DRSourceKit
import DRTestSupport
import DRWire
import Foundation
import Testing

@Suite(.serialized) struct DiscoveryTests {
    @Test func discoversPairsFromReplicationRules() async throws {
        let server = try MotoServer()
        _ = try server.runScript(AWSSourceMotoTests.script, ["4"])
        let credentials = AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing", source: "test")
        let client = AWSClient(transport: HTTPTransport(connectTimeout: 1, requestTimeout: 3),
                               endpoints: AWSEndpoints(environment: ["AWS_ENDPOINT_URL": server.endpoint]),
                               credentials: { credentials })
        let source = DiscoverySource(client: client, homeRegion: "us-east-1", defaultRPOSeconds: 600,
                                     pollIntervalSeconds: 1)
        let first = try await source.layout()
        #expect(first.progress != nil || !first.pairs.isEmpty, "progress is shown while discovering")
        var layout = first
        let deadline = Date().addingTimeInterval(15)
        while layout.pairs.isEmpty, Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
            layout = try await source.layout()
        }
        #expect(layout.pairs.map(\.name) == ["w0-use1", "w1-use1", "w2-use1", "w3-use1"])
        #expect(layout.pairs.allSatisfy { $0.primary.region == "us-east-1" && $0.secondary.region == "us-west-2" })
        #expect(layout.pairs.allSatisfy { $0.rpoSeconds == 600 })
        #expect(layout.regions == ["us-east-1", "us-west-2"])
        let reading = try await source.poll(region: "us-west-2", now: Date())
        let lag = reading.directions[DirectionKey(source: "w3-use1", destination: "w3-usw2")]?.lagSeconds
        #expect(lag == 13)
    }

    @Test func pairingRules() {
        let rule = { (to: String) in ReplicationRule(id: "r", destinationBucket: to) }
        let regions = ["a": "eu-west-1", "b": "us-east-1", "c": "us-east-1", "d": "ap-south-1", "lonely": "us-east-1"]
        let rules = ["a": [rule("b")], "b": [rule("a")], "c": [rule("d")], "lonely": [rule("missing")]]
        let pairs = DiscoverySource.pairs(regions: regions, rules: rules, home: "us-east-1", defaultRPO: 900)
        #expect(pairs.count == 2, "one pair per two buckets, unknown destinations left out")
        let ab = pairs.first { Set([$0.primary.name, $0.secondary.name]) == ["a", "b"] }
        #expect(ab?.primary.name == "b", "both ways: the home region's bucket is primary")
        #expect(pairs.first { $0.primary.name == "c" }?.secondary.name == "d", "one way: its source is primary")
    }
}

/// Discovery against the lab as S3 answers: ListBuckets paged (max-buckets, continuation-token), the region
/// from BucketRegion, or — where the answer has none and GetBucketLocation is denied — from HeadBucket's
/// x-amz-bucket-region (sent with a 301 from another region's endpoint).
@Suite(.serialized) struct DiscoveryAgainstTheLabTests {
    @Test func pagesAndBucketRegion() async throws {
        let lab = try Lab(pairs: 3)
        let client = lab.client(requestTimeout: 5)
        let source = DiscoverySource(client: client, homeRegion: "us-east-1", defaultRPOSeconds: 600,
                                     pollIntervalSeconds: 1, pageSize: 2)
        let notes = try await source.prepare { _ in }
        #expect(notes.isEmpty, "\(notes)")
        // What discovery itself asked (the watch that follows re-reads each bucket's configuration).
        let counts = Dictionary(uniqueKeysWithValues: client.requestCounts.filter { $0.region == "us-east-1" }
            .map { ($0.api, $0.count) })
        let layout = try await source.layout()
        #expect(layout.pairs.map(\.name) == ["lab0-use1", "lab1-use1", "lab2-use1"])
        #expect(counts["ListBuckets"] == 3, "6 buckets, 2 a page: \(counts)")
        #expect(counts["GetBucketLocation"] == nil, "BucketRegion made GetBucketLocation needless: \(counts)")
    }

    /// The account's Multi-Region Access Points fill the discovered pairs' `routing.mrapARN` by bucket; when
    /// they cannot be listed, discovery says so in a note and finds the pairs all the same.
    @Test func multiRegionAccessPointsAreMatchedToPairsByBucket() async throws {
        let lab = try Lab(pairs: 2, routing: true)
        let routing = try #require(lab.routing)
        let source = DiscoverySource(client: lab.client(requestTimeout: 5), homeRegion: "us-east-1",
                                     defaultRPOSeconds: 600, pollIntervalSeconds: 1)
        let notes = try await source.prepare { _ in }
        #expect(notes.isEmpty, "\(notes)")
        let layout = try await source.layout()
        #expect(layout.pairs.map(\.routing.mrapARN) == [routing.mraps["lab0"], routing.mraps["lab1"]], "\(layout.pairs)")

        try await lab.fault("/deny/ListMultiRegionAccessPoints")
        let denied = DiscoverySource(client: lab.client(requestTimeout: 5), homeRegion: "us-east-1",
                                     defaultRPOSeconds: 600, pollIntervalSeconds: 1)
        let deniedNotes = try await denied.prepare { _ in }
        #expect(deniedNotes == ["discovery did not look for Multi-Region Access Points: ListMultiRegionAccessPoints "
                                + "us-west-2: AccessDenied (needs s3:ListMultiRegionAccessPoints)"], "\(deniedNotes)")
        let found = try await denied.layout()
        #expect(found.pairs.count == 2 && found.pairs.allSatisfy { $0.routing.isEmpty })
    }

    @Test func headBucketWhenTheListHasNoRegionAndLocationIsDenied() async throws {
        let lab = try Lab(pairs: 2, labArguments: ["--list-buckets-without-region"])
        try await lab.fault("/deny/GetBucketLocation")
        let client = lab.client(requestTimeout: 5)
        let source = DiscoverySource(client: client, homeRegion: "us-east-1", defaultRPOSeconds: 600,
                                     pollIntervalSeconds: 1)
        let notes = try await source.prepare { _ in }
        #expect(notes.isEmpty, "\(notes)")
        let layout = try await source.layout()
        #expect(layout.pairs.map(\.name) == ["lab0-use1", "lab1-use1"])
        #expect(layout.pairs.allSatisfy { $0.secondary.region == "us-west-2" })
        #expect(client.requestCounts.contains { $0.api == "HeadBucket" && $0.count == 4 }, "\(client.requestCounts)")
    }

    @Test func aFailedDiscoveryIsTriedAgainOnRefresh() async throws {
        let lab = try Lab(pairs: 1)
        try await lab.fault("/deny/ListBuckets")
        let source = DiscoverySource(client: lab.client(requestTimeout: 5), homeRegion: "us-east-1",
                                     defaultRPOSeconds: 600, pollIntervalSeconds: 1)
        await #expect(throws: SourceProblem.self) { _ = try await source.prepare { _ in } }
        let failed = try await source.layout()
        #expect(failed.progress?.activity.hasSuffix("(r: retry)") == true, "\(String(describing: failed.progress))")
        try await lab.fault("/allow/ListBuckets")
        await source.invalidateConfiguration()  // what r does
        _ = try await source.prepare { _ in }
        #expect(try await source.layout().pairs.map(\.name) == ["lab0-use1"])
    }

    /// `check --pair` with discovery: the pair's own buckets are read (its primary, then where its rules go), not
    /// the account's list, so a verdict costs the same with 6 buckets as with thousands; a name that is no
    /// discovered pair falls back to discovering everything (the known names are then listed).
    @Test func onePairAskedIsFoundFromItsOwnBuckets() async throws {
        let lab = try Lab(pairs: 3)
        let client = lab.client(requestTimeout: 5)
        let source = DiscoverySource(client: client, homeRegion: "us-east-1", defaultRPOSeconds: 600,
                                     pollIntervalSeconds: 1, onlyPair: "lab1-use1")
        let notes = try await source.prepare { _ in }
        #expect(notes.isEmpty, "\(notes)")
        let layout = try await source.layout()
        #expect(layout.pairs.map(\.name) == ["lab1-use1"])
        #expect(layout.pairs.first?.secondary == Bucket(name: "lab1-usw2", region: "us-west-2"), "\(layout.pairs)")
        let counts = Dictionary(client.requestCounts.map { ($0.api, $0.count) }, uniquingKeysWith: +)
        // Discovery's two GetBucketReplication and the watch's configuration read of the same two buckets.
        #expect(counts["ListBuckets"] == nil && counts["GetBucketReplication"] == 4, "\(counts)")

        let unknown = lab.client(requestTimeout: 5)
        let everything = DiscoverySource(client: unknown, homeRegion: "us-east-1", defaultRPOSeconds: 600,
                                         pollIntervalSeconds: 1, onlyPair: "lab1-usw2")
        _ = try await everything.prepare { _ in }
        #expect(try await everything.layout().pairs.map(\.name) == ["lab0-use1", "lab1-use1", "lab2-use1"],
                "lab1-usw2 is a secondary: no pair has that name, so every pair is found to name the known ones")
        #expect(unknown.requestCounts.contains { $0.api == "ListBuckets" }, "\(unknown.requestCounts)")
    }
}
