import DRCore
import DRTestSupport
import Foundation
import Testing

/// `snapshot --json`: every direction names its regions, AWS's as well as Ceph's, and the source says what it is.
@Suite struct SnapshotDocumentRegionsTests {
    static func json(_ snapshot: Snapshot) throws -> [String: Any] {
        let text = SnapshotDocument.make(snapshot, assessment: Assessment(snapshot, thresholds: .standard,
                                                                          now: snapshot.takenAt)).text()
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func everyDirectionCarriesItsSourceAndDestinationRegion() throws {
        var snapshot = Fixtures.world()
        snapshot.source = .aws
        let json = try Self.json(snapshot)
        #expect(json["source"] as? String == "aws")
        let directions = (json["pairs"] as? [[String: Any]] ?? []).flatMap { $0["directions"] as? [[String: Any]] ?? [] }
        #expect(directions.count == 2 * snapshot.pairs.count)
        for direction in directions {
            let pair = [direction["source_region"] as? String, direction["destination_region"] as? String]
            #expect(pair == ["us-east-1", "us-west-2"] || pair == ["us-west-2", "us-east-1"], "\(direction)")
        }
        for kind in [SourceKind.ceph, .awsAndCeph] {
            snapshot.source = kind
            #expect(try Self.json(snapshot)["source"] as? String == kind.rawValue)
        }
        #expect(SourceKind.awsAndCeph.rawValue == "aws+ceph")
    }
}
