import DRCore

/// A configured bucket pair: names, regions and targets, without measurements.
public struct PairSpec: Sendable, Equatable {
    /// The pair's name.
    public var name: String
    /// The primary (write) bucket.
    public var primary: Bucket
    /// The secondary (standby) bucket.
    public var secondary: Bucket
    /// The RPO in seconds.
    public var rpoSeconds: Double
    /// The DR strategy, when named.
    public var strategy: DRStrategy?

    /// Creates a pair spec.
    public init(name: String, primary: Bucket, secondary: Bucket, rpoSeconds: Double, strategy: DRStrategy? = nil) {
        self.name = name
        self.primary = primary
        self.secondary = secondary
        self.rpoSeconds = rpoSeconds
        self.strategy = strategy
    }

    /// The RPO a pair gets: an explicit one wins, then the strategy's default, then `fallback`.
    public static func rpo(explicit: Double?, strategy: DRStrategy?, fallback: Double) -> Double {
        explicit ?? strategy?.defaultRPOSeconds ?? fallback
    }
}
