import DRCore
import DRTestSupport
import Foundation
import Testing

/// `snapshot --json` carries traffic, the RTO with its parts and the backup for the pairs that name them, and null
/// where a pair names none or a figure is not known.
struct RecoveryDocumentTests {
    func document() throws -> [[String: Any]] {
        let snapshot = Fixtures.routedWorld()
        let assessment = Assessment(snapshot, thresholds: .standard, now: snapshot.takenAt)
        let text = SnapshotDocument.make(snapshot, assessment: assessment).text()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        return try #require(object["pairs"] as? [[String: Any]])
    }

    @Test func routedPairsCarryTrafficRTOAndBackup() throws {
        let pairs = try document()
        let app = pairs[0], logs = pairs[1], backup = pairs[2]
        #expect(app["rto_target_seconds"] as? Double == 900 && app["rto_estimate_seconds"] as? Double == 150)
        let parts = try #require(app["rto_parts"] as? [[String: Any]])
        #expect(parts.map { $0["name"] as? String } == ["MRAP route change", "Route 53 failover"])
        let traffic = try #require(app["traffic"] as? [String: Any])
        #expect(traffic["summary"] as? String == "→ us-east-1 100%" && traffic["decided_by"] as? String == "mrap")
        let routes = try #require(traffic["routes"] as? [[String: Any]])
        #expect(routes.count == 4 && routes.allSatisfy { $0["age_seconds"] as? Double == 0 && $0["kind"] is String })
        #expect(app["backup"] is NSNull)

        // Not read: null, never "0 %" or healthy; the problem said.
        let unread = try #require(logs["traffic"] as? [String: Any])
        #expect(unread["summary"] as? String == "?" && unread["decided_by"] is NSNull && unread["partial"] as? Bool == true)
        #expect(logs["rto_estimate_seconds"] is NSNull)

        let restore = try #require(backup["backup"] as? [String: Any])
        #expect(restore["state"] as? String == "ok" && restore["exposure_seconds"] as? Double == 3600)
        #expect(backup["traffic"] is NSNull && backup["rto_target_seconds"] as? Double == 86_400)
    }
}
