import DRCore
import Foundation

/// The realm's current period as a gateway answers `GET /admin/realm/period`: its epoch, the zonegroup, the
/// zones with their endpoints, and the metadata master.
package struct CephPeriod: Sendable, Equatable {
    /// The period's ID.
    package var id: String
    /// The period's epoch (bumped by each `period update --commit` that does not start a new period).
    package var epoch: Int
    /// The realm's epoch (bumped when the master zone changes).
    package var realmEpoch: Int
    /// The realm's name.
    package var realmName: String
    /// The zonegroup's name (the master zonegroup when the realm has several).
    package var zonegroup: String
    /// The zonegroup's master zone ID (the metadata master when it is the master zonegroup).
    package var masterZoneID: String
    /// The zones of the zonegroup, master first, then by name.
    package var zones: [CephZone]

    /// Creates a period.
    package init(id: String, epoch: Int, realmEpoch: Int, realmName: String, zonegroup: String, masterZoneID: String,
                zones: [CephZone]) {
        self.id = id
        self.epoch = epoch
        self.realmEpoch = realmEpoch
        self.realmName = realmName
        self.zonegroup = zonegroup
        self.masterZoneID = masterZoneID
        self.zones = zones
    }

    /// The master zone.
    package var master: CephZone? { zones.first { $0.id == masterZoneID } }

    /// The zone named `name`.
    package func zone(named name: String) -> CephZone? { zones.first { $0.name == name } }

    /// Parses the JSON of `GET /admin/realm/period`.
    package static func parse(_ data: Data) throws -> CephPeriod {
        let what = "GET /admin/realm/period"
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let map = root["period_map"] as? [String: Any],
              let groups = map["zonegroups"] as? [[String: Any]], !groups.isEmpty else {
            throw SourceProblem(.badResponse, "\(what): not a period (no period_map.zonegroups)")
        }
        let masterGroupID = root["master_zonegroup"] as? String
        let group = groups.first { $0["id"] as? String == masterGroupID } ?? groups[0]
        let masterZone = group["master_zone"] as? String ?? root["master_zone"] as? String ?? ""
        var zones: [CephZone] = []
        for zone in group["zones"] as? [[String: Any]] ?? [] {
            guard let id = zone["id"] as? String, let name = zone["name"] as? String else { continue }
            zones.append(CephZone(id: id, name: name, endpoints: zone["endpoints"] as? [String] ?? []))
        }
        guard !zones.isEmpty else { throw SourceProblem(.badResponse, "\(what): the zonegroup has no zones") }
        zones.sort { ($0.id == masterZone ? 0 : 1, $0.name) < ($1.id == masterZone ? 0 : 1, $1.name) }
        return CephPeriod(
            id: root["id"] as? String ?? "", epoch: (root["epoch"] as? NSNumber)?.intValue ?? 0,
            realmEpoch: (root["realm_epoch"] as? NSNumber)?.intValue ?? 0, realmName: root["realm_name"] as? String ?? "",
            zonegroup: group["name"] as? String ?? "", masterZoneID: masterZone, zones: zones)
    }
}
