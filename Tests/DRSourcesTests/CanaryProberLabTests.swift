@testable import DRAWS
import DRCore
@testable import DRSourceKit
import DRTestSupport
@testable import DRWire
import Foundation
import Testing

/// Canaries against the replication lab: a PUT to a bucket with an Object Lock default retention carries its
/// checksum and goes through (S3 refuses one without: 400 InvalidRequest); a canary that cannot be written keeps
/// why, for its direction.
@Suite(.serialized) struct CanaryProberLabTests {
    static func client(_ lab: Lab) -> AWSClient {
        return lab.client()
    }

    @Test func objectLockBucketTakesTheCanary() async throws {
        let lab = try Lab(pairs: 1)
        let east = "http://127.0.0.1:\(lab.east)"
        let setup = try Boto3Calls.run(east, [
            ("create_bucket", #"{"Bucket": "locked-use1", "ObjectLockEnabledForBucket": true}"#),
            ("put_object_lock_configuration", #"{"Bucket": "locked-use1", "ObjectLockConfiguration": {"ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 1}}}}"#),
            ("put_bucket_versioning", #"{"Bucket": "locked-use1", "VersioningConfiguration": {"Status": "Enabled"}}"#),
            ("put_bucket_replication", #"{"Bucket": "locked-use1", "ReplicationConfiguration": {"Role": "arn:aws:iam::123456789012:role/replication", "Rules": [{"ID": "to-usw2", "Priority": 1, "Status": "Enabled", "Filter": {"Prefix": ""}, "DeleteMarkerReplication": {"Status": "Disabled"}, "Destination": {"Bucket": "arn:aws:s3:::lab0-usw2"}}]}}"#),
        ])
        #expect(setup.allSatisfy { $0["Error"] == nil }, "\(setup)")
        let source = Bucket(name: "locked-use1", region: "us-east-1")
        let destination = Bucket(name: "lab0-usw2", region: "us-west-2")
        let key = DirectionKey(source: source.name, destination: destination.name)
        let rules = [ReplicationRule(id: "to-usw2", destinationBucket: destination.name)]
        let prober = CanaryProber(client: Self.client(lab), everyTicks: 1)

        _ = await prober.tick(region: "us-east-1", directions: [(source, destination, rules)], now: Date())
        #expect(prober.problems[key] == nil, "\(String(describing: prober.problems[key]))")
        let versions = try Boto3Calls.run(east, [("list_object_versions", #"{"Bucket": "locked-use1"}"#)])
        let stored = (versions.first?["Versions"] as? [[String: Any]] ?? []).compactMap { $0["Key"] as? String }
        #expect(stored.count == 1 && stored.allSatisfy { $0.hasPrefix("drtop-canary/us-east-1/") }, "\(versions)")
        #expect(try await lab.requests()["drtop S3 PUT drtop-canary/"] == 1, "one PUT, accepted")

        var lag: Double?
        for _ in 0..<30 where lag == nil {
            try await Task.sleep(for: .milliseconds(200))
            lag = await prober.tick(region: "us-west-2", directions: [(source, destination, rules)], now: Date())[key]
        }
        #expect(lag != nil, "the canary arrived and was timed")
        #expect(prober.problems.isEmpty)
    }

    @Test func refusedCanaryKeepsWhy() async throws {
        let lab = try Lab(pairs: 1)
        let source = Bucket(name: "lab0-use1", region: "us-east-1")
        let destination = Bucket(name: "lab0-usw2", region: "us-west-2")
        let key = DirectionKey(source: source.name, destination: destination.name)
        let rules = [ReplicationRule(id: "to-usw2", destinationBucket: destination.name)]
        let prober = CanaryProber(client: Self.client(lab), everyTicks: 1)

        try await lab.fault("/deny/PutObject")
        _ = await prober.tick(region: "us-east-1", directions: [(source, destination, rules)], now: Date())
        let problem = try #require(prober.problems[key])
        #expect(problem.kind == .accessDenied)
        #expect(problem.message == "PutObject canary lab0-use1: AccessDenied "
            + "(needs s3:PutObject on arn:aws:s3:::lab0-use1/drtop-canary/*)")

        try await lab.fault("/allow/PutObject")
        _ = await prober.tick(region: "us-east-1", directions: [(source, destination, rules)], now: Date())
        #expect(prober.problems[key] == nil, "a canary written clears the reason")

        // The destination cannot be read: why the canary is not seen stays readable too.
        try await lab.fault("/deny/HeadObject")
        _ = await prober.tick(region: "us-west-2", directions: [(source, destination, rules)], now: Date())
        #expect(prober.problems[key]?.kind == .accessDenied)
        #expect(prober.problems[key]?.message.contains("HeadObject canary lab0-usw2: AccessDenied") == true)
    }

    @Test func kmsDenialNamesTheKeyPermission() {
        let message = "User: arn:aws:sts::123456789012:assumed-role/drtop/x is not authorized to perform: "
            + "kms:GenerateDataKey on resource: arn:aws:kms:us-east-1:123456789012:key/k because no identity-based "
            + "policy allows the kms:GenerateDataKey action"
        let problem = CanaryProber.denied(Bucket(name: "b", region: "us-east-1"), what: "PutObject canary b",
                                          code: "AccessDenied", message: message)
        #expect(problem.kind == .accessDenied)
        #expect(problem.message.hasPrefix("PutObject canary b: AccessDenied (needs kms:GenerateDataKey on the bucket's KMS key)"))
    }
}
