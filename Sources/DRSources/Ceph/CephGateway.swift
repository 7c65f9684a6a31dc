import Foundation

/// A zone and the gateway URL drtop reaches it at (the zonegroup's first endpoint, or the configured override).
public struct CephGateway: Sendable, Equatable {
    /// The zone.
    public var zone: CephZone
    /// Where its admin API is called.
    public var url: URL

    /// Creates a gateway.
    public init(zone: CephZone, url: URL) {
        self.zone = zone
        self.url = url
    }
}
