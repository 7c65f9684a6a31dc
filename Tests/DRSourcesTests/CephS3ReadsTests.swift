@testable import DRAWS
import DRCore
import DRTestSupport
@testable import DRWire
import Foundation
import Testing

/// drtop's S3 reads against radosgw, which checks every SigV4 signature (moto does not): ListBuckets (paged),
/// GetBucketVersioning, the incremental ListObjectVersions scan and a versioned HeadObject, signed by drtop's
/// own client with the data user's keys.
@Suite(.serialized) struct CephS3ReadsTests {
    @Test func drtopsS3ReadsAreSignedAsRadosgwChecks() async throws {
        let cluster = try CephCluster.shared()
        let bucket = "reads-\(UUID().uuidString.prefix(8).lowercased())"
        try await cluster.createBucket(bucket, in: "zone-a-2")
        let client = try cluster.s3("zone-a-2")
        let zone = "zone-a-2"
        _ = try await client.s3(api: "PutBucketVersioning", region: zone, method: "PUT", bucket: bucket,
                                query: [("versioning", "")],
                                body: Data("<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>".utf8),
                                what: "PutBucketVersioning \(bucket)")
        for key in ["a b+c.txt", "dir/ünï.txt", "z.txt"] { try await cluster.put(key, in: bucket, zone: zone) }

        let list = try await client.s3(api: "ListBuckets", region: zone, bucket: nil, query: [("max-buckets", "1000")],
                                       what: "ListBuckets")
        let listing = BucketListing(try XMLNode.parse(list.body, what: "ListBuckets"))
        #expect(listing.buckets.contains { $0.name == bucket }, "\(listing.buckets.map(\.name))")

        let versioning = try await client.s3(api: "GetBucketVersioning", region: zone, bucket: bucket,
                                             query: [("versioning", "")], what: "GetBucketVersioning \(bucket)")
        #expect(S3Parsing.versioning(try XMLNode.parse(versioning.body, what: "GetBucketVersioning")) == .enabled)

        // Two versions a page: the cursor crosses pages, keys decoded.
        let scanner = VersionScanner(client: client, pagesPerTick: 5, pageSize: 2)
        let tick = try await scanner.tick(Bucket(name: bucket, region: zone), prefixes: [""], now: Date())
        #expect(Set(tick.versions.map(\.key)) == ["a b+c.txt", "dir/ünï.txt", "z.txt"], "\(tick.versions.map(\.key))")
        #expect(tick.coverage.ticksPerPass == 1 && tick.coverage.versionsAtLeast == 3, "\(tick.coverage.text)")

        let version = try #require(tick.versions.first { $0.key == "dir/ünï.txt" }?.versionID)
        let head = try await client.s3(api: "HeadObject", region: zone, method: "HEAD", bucket: bucket, key: "dir/ünï.txt",
                                       query: [("versionId", version)], what: "HeadObject \(bucket)")
        #expect(head.status == 200 && head.headers["x-amz-version-id"] == version)
    }
}
