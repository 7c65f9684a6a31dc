/// One zone of a Ceph RGW zonegroup, as the period describes it.
public struct CephZone: Sendable, Equatable {
    /// The zone's ID (what sync status and the data log name it by).
    public var id: String
    /// The zone's name (drtop's region name for it).
    public var name: String
    /// The gateways the zonegroup lists for the zone.
    public var endpoints: [String]

    /// Creates a zone.
    public init(id: String, name: String, endpoints: [String]) {
        self.id = id
        self.name = name
        self.endpoints = endpoints
    }
}
