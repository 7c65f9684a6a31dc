import DRCore

/// A `[ceph.buckets.NAME]` table: the RPO (and DR strategy) of one bucket's pair, where it differs from the
/// realm's `[ceph]` one.
package struct CephBucketTarget: Sendable, Equatable {
    /// The bucket's pair's RPO in seconds: its `rpo`, else its strategy's default, else the `[ceph]` RPO.
    package var rpoSeconds: Double
    /// Its DR strategy: its own `strategy`, else the `[ceph]` one.
    package var strategy: DRStrategy?

    /// Creates a target.
    package init(rpoSeconds: Double, strategy: DRStrategy? = nil) {
        self.rpoSeconds = rpoSeconds
        self.strategy = strategy
    }
}
