/// One zone of a Ceph RGW zonegroup, as the period describes it.
package struct CephZone: Sendable, Equatable {
    /// The zone's ID (what sync status and the data log name it by).
    package var id: String
    /// The zone's name (drtop's region name for it).
    package var name: String
    /// The gateways the zonegroup lists for the zone.
    package var endpoints: [String]

    /// Creates a zone.
    package init(id: String, name: String, endpoints: [String]) {
        self.id = id
        self.name = name
        self.endpoints = endpoints
    }
}
