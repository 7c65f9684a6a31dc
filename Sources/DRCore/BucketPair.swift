/// Two buckets in two regions that replicate to each other, with the state of each direction.
/// The primary is the side that takes writes; failover moves writes to the secondary.
public struct BucketPair: Sendable, Equatable {
    /// The pair's name, e.g. "prod-assets".
    public var name: String
    /// The primary (write) bucket.
    public var primary: Bucket
    /// The secondary (standby) bucket.
    public var secondary: Bucket
    /// Recovery point objective, in seconds.
    public var rpoSeconds: Double
    /// The disaster-recovery strategy, when named.
    public var strategy: DRStrategy?
    /// The RTO target the configuration sets, in seconds; nil: the strategy's band (`rtoTargetSeconds`).
    public var rtoSeconds: Double?
    /// What routes users to the two sides, as configured or discovered.
    public var routing: PairRouting = .none
    /// The AWS Backup vault the configuration names, when it does.
    public var backupVault: String?
    /// Where users are sent now, as read; nil when the pair names no routing or it has not been read yet.
    public var traffic: TrafficStatus?
    /// What AWS Backup holds of the primary bucket; nil when it is not watched for this pair or not read yet.
    public var backup: BackupStatus?
    /// Replication primary → secondary: the data a failover gives up is what this direction has not delivered.
    public var fromPrimary: DirectionStatus
    /// Replication secondary → primary: carries writes back after a failover (failback).
    public var toPrimary: DirectionStatus

    /// Creates a pair.
    public init(
        name: String, primary: Bucket, secondary: Bucket, rpoSeconds: Double, strategy: DRStrategy? = nil,
        fromPrimary: DirectionStatus? = nil, toPrimary: DirectionStatus? = nil
    ) {
        self.name = name
        self.primary = primary
        self.secondary = secondary
        self.rpoSeconds = rpoSeconds
        self.strategy = strategy
        self.fromPrimary = fromPrimary ?? DirectionStatus(source: primary, destination: secondary)
        self.toPrimary = toPrimary ?? DirectionStatus(source: secondary, destination: primary)
    }

    /// Both directions, primary → secondary first.
    public var directions: [DirectionStatus] { [fromPrimary, toPrimary] }

    /// The region that takes writes.
    public var primaryRegion: String { primary.region }
    /// The RTO target: the configured one, else the strategy's band; nil when neither is set.
    public var rtoTargetSeconds: Double? { rtoSeconds ?? strategy?.defaultRTOSeconds }

    /// Whether AWS Backup is read for this pair: it names a vault or its strategy is backup and restore.
    public var watchesBackup: Bool { backupVault != nil || strategy == .backupAndRestore }

    /// Whether the pair is judged by its backups: it names a vault, or a backup-and-restore pair whose bucket
    /// AWS Backup knows (or could not be asked). A backup-and-restore pair AWS Backup has never protected, or one
    /// no reader asks about (a Ceph pair), uses its replica as the backup: it is judged by replication alone.
    public var judgesBackup: Bool {
        if backupVault != nil { return true }
        guard strategy == .backupAndRestore, let backup else { return false }
        return !backup.isUnprotected
    }

    /// The region a failover moves writes to.
    public var secondaryRegion: String { secondary.region }
}
