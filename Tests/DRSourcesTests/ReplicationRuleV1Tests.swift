import DRAWS
import DRCore
import DRSourceKit
import DRTestSupport
import DRWire
import Foundation
import Testing

/// Replication rules of the first schema (V1: a top-level `<Prefix>`, no `<Filter>`, no `Priority`): S3 replicates
/// their delete markers, so drtop reads them as on, never as a false "off".
@Suite(.serialized) struct ReplicationRuleV1Tests {
    static let v1 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <ReplicationConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
          <Role>arn:aws:iam::123456789012:role/replication</Role>
          <Rule><ID>legacy</ID><Prefix>logs/</Prefix><Status>Enabled</Status>
            <Destination><Bucket>arn:aws:s3:::dst</Bucket><StorageClass>STANDARD_IA</StorageClass></Destination></Rule>
          <Rule><ID>v2</ID><Priority>2</Priority><Filter><Prefix>tmp/</Prefix></Filter><Status>Enabled</Status>
            <DeleteMarkerReplication><Status>Disabled</Status></DeleteMarkerReplication>
            <Destination><Bucket>arn:aws:s3:::dst</Bucket></Destination></Rule>
        </ReplicationConfiguration>
        """

    @Test func v1RuleReplicatesDeleteMarkersAndHasNoPriority() throws {
        let rules = S3Parsing.replicationRules(try XMLNode.parse(Data(Self.v1.utf8), what: "test"))
        #expect(rules.count == 2)
        let legacy = try #require(rules.first)
        #expect(legacy.id == "legacy")
        #expect(legacy.prefix == "logs/")
        #expect(legacy.priority == nil)
        #expect(legacy.deleteMarkerReplication, "S3 replicates the delete markers of V1 rules")
        #expect(legacy.destinationBucket == "dst" && legacy.storageClass == "STANDARD_IA")
        let v2 = try #require(rules.last)
        #expect(v2.priority == 2 && v2.prefix == "tmp/")
        #expect(!v2.deleteMarkerReplication, "a V2 rule replicates them only when Enabled")
    }

    @Test func emptyFilterIsV2() throws {
        let xml = """
            <ReplicationConfiguration><Rule><ID>r</ID><Priority>1</Priority><Filter/><Status>Enabled</Status>
            <Destination><Bucket>arn:aws:s3:::dst</Bucket></Destination></Rule></ReplicationConfiguration>
            """
        let rule = try #require(S3Parsing.replicationRules(try XMLNode.parse(Data(xml.utf8), what: "test")).first)
        #expect(!rule.deleteMarkerReplication, "an empty <Filter/> is V2: no DeleteMarkerReplication, none replicated")
    }

    /// End to end: boto3 puts a V1 rule on the way back (lab0-usw2 → lab0-use1; the way out is setup.py's V2
    /// rule with delete markers Enabled). The lab answers GetBucketReplication as S3 does (moto 5.2.1 itself turns
    /// a V1 rule into a V2 rule with an empty filter and delete markers Disabled); drtop reads the rule through
    /// its client and the failover check finds delete markers symmetric.
    @Test func v1RuleReadThroughTheClientAndChecklist() async throws {
        let lab = try Lab(pairs: 1)
        let west = "http://127.0.0.1:\(lab.west)"
        let configuration = """
            {"Bucket": "lab0-usw2", "ReplicationConfiguration": {"Role": "arn:aws:iam::123456789012:role/replication",
             "Rules": [{"ID": "legacy", "Prefix": "", "Status": "Enabled",
                        "Destination": {"Bucket": "arn:aws:s3:::lab0-use1"}}]}}
            """
        let put = try Boto3Calls.run(west, region: "us-west-2", [("put_bucket_replication", configuration)])
        #expect(put.first?["Error"] == nil, "\(put)")

        let credentials = AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing", source: "test")
        let endpoints = AWSEndpoints(regionOverrides: ["us-east-1": URL(string: "http://127.0.0.1:\(lab.east)")!,
                                                       "us-west-2": URL(string: west)!])
        let client = AWSClient(transport: HTTPTransport(), endpoints: endpoints, credentials: { credentials })
        let answer = try await client.s3(api: "GetBucketReplication", region: "us-west-2", bucket: "lab0-usw2",
                                         query: [("replication", "")], what: "GetBucketReplication lab0-usw2")
        let rules = S3Parsing.replicationRules(try XMLNode.parse(answer.body, what: "GetBucketReplication"))
        #expect(rules == [ReplicationRule(id: "legacy", deleteMarkerReplication: true, destinationBucket: "lab0-use1")])

        let pair = PairSpec(name: "lab0", primary: Bucket(name: "lab0-use1", region: "us-east-1"),
                            secondary: Bucket(name: "lab0-usw2", region: "us-west-2"), rpoSeconds: 60)
        let source = AWSSource(pairs: [pair], client: client, trackObjects: false)
        let layout = try await source.layout()
        var outcomes: [String: RegionOutcome] = [:]
        for region in layout.regions {
            outcomes[region] = .answered(try await source.poll(region: region, now: Date()), elapsedMs: 1)
        }
        let snapshot = SnapshotAssembler.assemble(layout: layout, outcomes: outcomes, previous: nil, now: Date(),
                                                  sequence: 1, pollDurationSeconds: nil)
        let status = try #require(snapshot.pair(named: "lab0"))
        let item = FailoverChecklist().run(pair: status, in: snapshot, now: Date()).items.first { $0.id == "delete-markers" }
        #expect(item?.result == .pass, "\(String(describing: item))")
    }
}
