import Foundation

/// A zone and the gateway URL drtop reaches it at (the zonegroup's first endpoint, or the configured override).
package struct CephGateway: Sendable, Equatable {
    /// The zone.
    package var zone: CephZone
    /// Where its admin API is called.
    package var url: URL

    /// Creates a gateway.
    package init(zone: CephZone, url: URL) {
        self.zone = zone
        self.url = url
    }
}
