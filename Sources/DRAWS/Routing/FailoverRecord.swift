import Foundation

/// One Route 53 failover record as ListResourceRecordSets answers it.
package struct FailoverRecord: Sendable, Equatable {
    /// "PRIMARY" or "SECONDARY".
    package var failover: String
    /// The record's set identifier.
    package var setIdentifier: String
    /// The record type (CNAME, A, ...).
    package var type: String
    /// Its TTL; nil for an alias record.
    package var ttl: Double?
    /// The health check it is tied to.
    package var healthCheckID: String?
    /// The record's values, or the alias target's DNS name.
    package var values: [String]
    /// Whether it is an alias that evaluates its target's health (which drtop does not read).
    package var evaluatesTargetHealth: Bool

    /// Creates a record.
    package init(failover: String, setIdentifier: String, type: String, ttl: Double?, healthCheckID: String?,
                 values: [String], evaluatesTargetHealth: Bool) {
        self.failover = failover
        self.setIdentifier = setIdentifier
        self.type = type
        self.ttl = ttl
        self.healthCheckID = healthCheckID
        self.values = values
        self.evaluatesTargetHealth = evaluatesTargetHealth
    }

    /// The pair region the record sends to: the one its set identifier names, else its value or alias DNS name
    /// (a region's name or a pair bucket's in it), else nil.
    package func region(among regions: [(region: String, bucket: String)]) -> String? {
        let identifier = setIdentifier.lowercased()
        if let hit = regions.first(where: { identifier == $0.region || identifier.contains($0.region) }) { return hit.region }
        let texts = values.map { $0.lowercased() }
        if let hit = regions.first(where: { pair in texts.contains { $0.contains(pair.region) } }) { return hit.region }
        if let hit = regions.first(where: { pair in texts.contains { $0.contains(pair.bucket) } }) { return hit.region }
        return nil
    }
}
