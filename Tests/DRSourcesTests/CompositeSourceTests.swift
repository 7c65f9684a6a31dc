import DRCore
import DRSourceKit
import Foundation
import Testing

/// A file with both `[[pair]]` and `[ceph]`: the AWS source and the Ceph source joined into one.
@Suite struct CompositeSourceTests {
    static func pair(_ name: String, _ a: String, _ b: String, _ first: String, _ second: String) -> PairSpec {
        PairSpec(name: name, primary: Bucket(name: a, region: first), secondary: Bucket(name: b, region: second),
                 rpoSeconds: 900)
    }

    let aws = FixedSource(kind: .aws, regions: ["us-east-1", "us-west-2"],
                          pairs: [pair("assets", "assets-use1", "assets-usw2", "us-east-1", "us-west-2")], cost: 1.5)
    let ceph = FixedSource(kind: .ceph, regions: ["zone-a", "zone-b"],
                           pairs: [pair("drtop-zg", "zone-a", "zone-b", "zone-a", "zone-b"),
                                   pair("photos", "photos", "photos", "zone-a", "zone-b")])

    @Test func layoutsJoinAndEachRegionIsPolledByItsOwner() async throws {
        let source = CompositeSource(aws: aws, ceph: ceph)
        #expect(source.kind == .awsAndCeph)
        #expect(source.kind.origin == "AWS APIs and Ceph sync status")
        let layout = try await source.layout()
        #expect(layout.kind == .awsAndCeph)
        #expect(layout.regions == ["us-east-1", "us-west-2", "zone-a", "zone-b"])
        #expect(layout.pairs.map(\.name) == ["assets", "drtop-zg", "photos"])
        #expect(layout.regionKinds == ["us-east-1": .aws, "us-west-2": .aws, "zone-a": .ceph, "zone-b": .ceph])
        for region in layout.regions { _ = try await source.poll(region: region, now: Date()) }
        #expect(aws.calls == ["poll us-east-1", "poll us-west-2"])
        #expect(ceph.calls == ["poll zone-a", "poll zone-b"])
        await #expect(throws: SourceProblem.self) { try await source.poll(region: "mars-1", now: Date()) }

        await source.invalidateConfiguration()
        #expect(aws.calls.last == "invalidate" && ceph.calls.last == "invalidate")
        let notes = try await source.prepare { _ in }
        #expect(notes == ["aws ready", "ceph ready"])
        #expect(aws.calls.last == "prepare" && ceph.calls.last == "prepare")
        #expect(await source.estimatedMonthlyCostUSD() == 1.5, "AWS's cost alone: the admin API is free")

        // A snapshot of the joined layout knows which regions are zones.
        let snapshot = SnapshotAssembler.assemble(layout: layout, outcomes: [:], previous: nil, now: Date(),
                                                  sequence: 1, pollDurationSeconds: nil)
        #expect(snapshot.source == .awsAndCeph)
        #expect(snapshot.kind(ofRegion: "zone-b") == .ceph && snapshot.kind(ofRegion: "us-west-2") == .aws)
    }

    /// A realm whose gateway does not answer does not hide the AWS pairs: they are watched, and the realm is one
    /// region that fails its polls with the reason, until the realm answers again.
    @Test func anUnreadableRealmLeavesTheAWSPairsWatched() async throws {
        let source = CompositeSource(aws: aws, ceph: ceph)
        ceph.fail(with: SourceProblem(.refused, "127.0.0.1:8001: connection refused"))
        let notes = try await source.prepare { _ in }
        #expect(notes.contains { $0.hasPrefix("the Ceph realm could not be read (127.0.0.1:8001: connection refused)") },
                "\(notes)")
        let layout = try await source.layout()
        #expect(layout.pairs.map(\.name) == ["assets"])
        #expect(layout.regions == ["us-east-1", "us-west-2", CompositeSource.unreadRealm])
        _ = try await source.poll(region: "us-west-2", now: Date())
        await #expect(throws: SourceProblem(.refused, "the Ceph realm's period could not be read: "
                                            + "127.0.0.1:8001: connection refused")) {
            try await source.poll(region: CompositeSource.unreadRealm, now: Date())
        }
        ceph.fail(with: nil)
        #expect(try await source.layout().regions == ["us-east-1", "us-west-2", "zone-a", "zone-b"])
    }

    @Test func aZoneNamedAsAnAWSRegionIsOneProblemNamingBoth() async throws {
        let clash = FixedSource(kind: .ceph, regions: ["us-west-2", "zone-b"],
                                pairs: [Self.pair("zg", "us-west-2", "zone-b", "us-west-2", "zone-b")])
        let source = CompositeSource(aws: aws, ceph: clash)
        do {
            _ = try await source.prepare { _ in }
            Issue.record("a zone named as an AWS region was accepted")
        } catch let problem as SourceProblem {
            #expect(problem.message.hasPrefix("the Ceph zone us-west-2 ([ceph]) has the name of an AWS region of pair assets"),
                    "\(problem.message)")
            #expect(!problem.message.contains("\n"))
        }
    }

    @Test func twoPairsWithOneNameIsOneProblemNamingBoth() async throws {
        let clash = FixedSource(kind: .ceph, regions: ["zone-a", "zone-b"],
                                pairs: [Self.pair("assets", "assets", "assets", "zone-a", "zone-b")])
        let source = CompositeSource(aws: aws, ceph: clash)
        await #expect(throws: SourceProblem(.other, "the Ceph pair assets ([ceph]: zone-a ⇄ zone-b) has the name of "
                                            + "[[pair]] assets: drtop keys pairs by name; rename the [[pair]]")) {
            _ = try await source.layout()
        }
    }

    /// The failover check of a mixed snapshot checks a Ceph pair as a zone pair and an AWS pair as AWS's.
    @Test func theFailoverCheckFollowsTheKindOfThePairsRegions() async throws {
        let layout = try await CompositeSource(aws: aws, ceph: ceph).layout()
        let snapshot = SnapshotAssembler.assemble(layout: layout, outcomes: [:], previous: nil, now: Date(),
                                                  sequence: 1, pollDurationSeconds: nil)
        let checklist = FailoverChecklist()
        let zone = checklist.run(pair: try #require(snapshot.pair(named: "drtop-zg")), in: snapshot, now: Date())
        let bucket = checklist.run(pair: try #require(snapshot.pair(named: "assets")), in: snapshot, now: Date())
        #expect(zone.items.contains { $0.title == "Sync status fresh" }, "\(zone.items.map(\.title))")
        #expect(zone.source == .ceph)
        #expect(!bucket.items.contains { $0.title == "Sync status fresh" }, "\(bucket.items.map(\.title))")
        #expect(bucket.source == .aws)
    }
}
