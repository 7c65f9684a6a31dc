import DRCore

/// A configured bucket pair: names, regions and targets, without measurements.
package struct PairSpec: Sendable, Equatable {
    /// The pair's name.
    package var name: String
    /// The primary (write) bucket.
    package var primary: Bucket
    /// The secondary (standby) bucket.
    package var secondary: Bucket
    /// The RPO in seconds.
    package var rpoSeconds: Double
    /// The DR strategy, when named.
    package var strategy: DRStrategy?

    /// The configured RTO in seconds, when set.
    package var rtoSeconds: Double?
    /// What routes users to the two sides.
    package var routing: PairRouting = .none
    /// The AWS Backup vault, when named.
    package var backupVault: String?

    /// Creates a pair spec.
    package init(name: String, primary: Bucket, secondary: Bucket, rpoSeconds: Double, strategy: DRStrategy? = nil) {
        self.name = name
        self.primary = primary
        self.secondary = secondary
        self.rpoSeconds = rpoSeconds
        self.strategy = strategy
    }

    /// The RPO a pair gets: an explicit one wins, then the strategy's default, then `fallback`.
    package static func rpo(explicit: Double?, strategy: DRStrategy?, fallback: Double) -> Double {
        explicit ?? strategy?.defaultRPOSeconds ?? fallback
    }
}
