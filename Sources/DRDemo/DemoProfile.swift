import DRCore

/// The character of one simulated direction.
struct DemoDirectionProfile: Sendable {
    /// Steady arrival rate, objects per second.
    var rate: Double
    /// A burst every `burstEvery` seconds lasts `burstLength` seconds at `burstFactor` × the rate.
    var burstEvery = 300
    var burstLength = 0
    var burstFactor = 1.0
    /// Replication throughput, objects per second.
    var capacity: Double
    /// Mean object size, bytes.
    var meanSize: Double
    /// Transfer time of one object when nothing waits, seconds.
    var baseLatency: Double
    /// Share of objects that fail while a failure window is open, and why.
    var failureShare = 0.0
    var failureReason = "DstKmsKeyNotFound"
    /// Failures happen during `failureLength` seconds of every `failureEvery` (0 = never).
    var failureEvery = 0
    var failureLength = 0
    /// Rule configuration.
    var deleteMarkers = true
    var replicaModifications = true
    var rtc = true
    var storageClass = "STANDARD"
    var kmsKey: String?
    /// Key prefixes and file extension of the objects written.
    var prefixes: [String]
    var ext: String
}

/// One simulated bucket pair.
struct DemoPairProfile: Sendable {
    var name: String
    var primary: Bucket
    var secondary: Bucket
    var strategy: DRStrategy?
    var rpo: Double?
    /// nil: the pair does not replicate (it is protected by backups alone).
    var out: DemoDirectionProfile?
    /// nil: the pair replicates one way only.
    var back: DemoDirectionProfile?
    /// What routes its users (simulated by `DemoRouting`).
    var routing: PairRouting = .none
    /// The AWS Backup vault of its primary bucket (simulated by `DemoRouting`).
    var backupVault: String?
    /// Seconds between its backups.
    var backupEvery: Double = 3600
}
