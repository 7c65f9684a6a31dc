@testable import DRAWS
import DRCore
@testable import DRFrontDoor
import DRTestSupport
@testable import DRWire
import Foundation
import Testing

/// Region names as an S3-compatible store names them: radosgw answers GetBucketLocation with its zonegroup's
/// api name ("drtop-zg" here), whatever name drtop signs with. A pair configured against radosgw under an AWS-shaped
/// name (eu-west-3) or a store's own name (europe) is read, never "degraded: … not … as configured".
@Suite(.serialized) struct CephRegionNameTests {
    @Test func aStoreAnsweringItsOwnRegionNameIsNotAWrongRegion() async throws {
        let cluster = try CephCluster.shared()
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let primary = "loc-a-\(suffix)", secondary = "loc-b-\(suffix)"
        try await cluster.createBucket(primary, in: "zone-a-2")
        try await cluster.createBucket(secondary, in: "zone-b")
        // What the store itself calls the region: not the name drtop signs with.
        let probe = try await cluster.s3("zone-b").s3(api: "GetBucketLocation", region: "zone-b", bucket: secondary,
                                                      query: [("location", "")], what: "GetBucketLocation")
        let answered = S3Parsing.location(try XMLNode.parse(probe.body, what: "GetBucketLocation"))
        #expect(answered == "drtop-zg", "the zonegroup's api name (lab/ceph/cluster.sh)")

        let text = """
            [regions.europe]
            endpoint = "\(try cluster.gateway("zone-a-2").absoluteString)"
            [regions.eu-west-3]
            endpoint = "\(try cluster.gateway("zone-b").absoluteString)"
            [[pair]]
            name = "store-named"
            primary = { bucket = "\(primary)", region = "europe" }
            secondary = { bucket = "\(secondary)", region = "eu-west-3" }
            """
        let config = try ConfigLoader.parse(text, path: "c.toml")
        let credentials = cluster.data
        let client = AWSClient(transport: HTTPTransport(connectTimeout: 1, requestTimeout: 3),
                               endpoints: AWSEndpoints(regionOverrides: config.endpoints), credentials: { credentials })
        let source = AWSSource(pairs: config.pairs, client: client, trackObjects: false)
        let snapshot = try await AWSSourceMotoTests.snapshot(source)
        let pair = try #require(snapshot.pair(named: "store-named"))
        for direction in pair.directions {
            #expect(direction.rulesProblem?.kind != .wrongRegion, "\(direction.rulesProblem?.message ?? "")")
            #expect(direction.rulesProblem?.message.contains("as configured") != true)
        }
        // GetBucketVersioning was read, so the location check let it through (new buckets: never versioned).
        #expect(pair.primary.versioning == .unversioned, "\(pair.fromPrimary.rulesProblem?.message ?? "")")
        #expect(pair.secondary.versioning == .unversioned, "\(pair.toPrimary.rulesProblem?.message ?? "")")
        #expect(snapshot.regions.map(\.name) == ["europe", "eu-west-3"])
        for region in snapshot.regions {
            #expect(region.problem?.message.contains("as configured") != true, "\(region.name): \(region.problemLine ?? "")")
        }
    }
}
