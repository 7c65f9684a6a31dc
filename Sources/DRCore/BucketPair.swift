/// Two buckets in two regions that replicate to each other, with the state of each direction.
/// The primary is the side that takes writes; failover moves writes to the secondary.
public struct BucketPair: Sendable, Equatable {
    /// The fields, shared between copies until one of them changes (copy on write): a pair is 1.5 KB of
    /// strings, arrays and two directions, and copying it field by field (a retain of each) was most of what
    /// judging 10,000 pairs cost; a copy is now one retain.
    private var storage: Storage

    /// Makes `storage` this value's own before a change.
    private mutating func unique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    /// The stored fields of a pair. Written only through `BucketPair`'s accessors after `unique()`, so an
    /// instance two values share is never written: that is what makes it safe to send.
    private final class Storage: @unchecked Sendable {
        @exclusivity(unchecked) var name: String
        @exclusivity(unchecked) var primary: Bucket
        @exclusivity(unchecked) var secondary: Bucket
        @exclusivity(unchecked) var rpoSeconds: Double
        @exclusivity(unchecked) var strategy: DRStrategy?
        @exclusivity(unchecked) var rtoSeconds: Double?
        @exclusivity(unchecked) var routing: PairRouting = .none
        @exclusivity(unchecked) var backupVault: String?
        @exclusivity(unchecked) var traffic: TrafficStatus?
        @exclusivity(unchecked) var backup: BackupStatus?
        @exclusivity(unchecked) var fromPrimary: DirectionStatus
        @exclusivity(unchecked) var toPrimary: DirectionStatus

        /// The instance's size: the object header (16 bytes) and the fields above, laid out as a tuple of them is.
        static let bytes = 16 + MemoryLayout<(String, Bucket, Bucket, Double, DRStrategy?, Double?, PairRouting, String?,
                                              TrafficStatus?, BackupStatus?, DirectionStatus, DirectionStatus)>.size

        /// Starts loading both directions' fields.
        @inline(__always)
        func prefetchDirections() {
            DirectionStatus.prefetchFields(at: &fromPrimary)
            DirectionStatus.prefetchFields(at: &toPrimary)
        }

        /// Starts loading the headers of both directions' rules and samples.
        @inline(__always)
        func prefetchDirectionBuffers() {
            DirectionStatus.prefetchBuffers(at: &fromPrimary)
            DirectionStatus.prefetchBuffers(at: &toPrimary)
        }

        /// Starts loading both directions' newest samples.
        @inline(__always)
        func prefetchNewestSamples() {
            DirectionStatus.prefetchNewestSamples(at: &fromPrimary)
            DirectionStatus.prefetchNewestSamples(at: &toPrimary)
        }

        init(name: String, primary: Bucket, secondary: Bucket, rpoSeconds: Double, strategy: DRStrategy?,
             rtoSeconds: Double?, backupVault: String?, traffic: TrafficStatus?, backup: BackupStatus?,
             fromPrimary: DirectionStatus, toPrimary: DirectionStatus) {
            self.name = name
            self.primary = primary
            self.secondary = secondary
            self.rpoSeconds = rpoSeconds
            self.strategy = strategy
            self.rtoSeconds = rtoSeconds
            self.backupVault = backupVault
            self.traffic = traffic
            self.backup = backup
            self.fromPrimary = fromPrimary
            self.toPrimary = toPrimary
        }

        /// A field-by-field copy.
        func copy() -> Storage {
            let copy = Storage(name: name, primary: primary, secondary: secondary, rpoSeconds: rpoSeconds,
                               strategy: strategy, rtoSeconds: rtoSeconds, backupVault: backupVault,
                               traffic: traffic, backup: backup, fromPrimary: fromPrimary, toPrimary: toPrimary)
            copy.routing = routing
            return copy
        }
    }

    /// The pair's name, e.g. "prod-assets".
    public var name: String {
        _read { yield storage.name }
        _modify {
            unique()
            yield &storage.name
        }
    }
    /// The primary (write) bucket.
    public var primary: Bucket {
        _read { yield storage.primary }
        _modify {
            unique()
            yield &storage.primary
        }
    }
    /// The secondary (standby) bucket.
    public var secondary: Bucket {
        _read { yield storage.secondary }
        _modify {
            unique()
            yield &storage.secondary
        }
    }
    /// Recovery point objective, in seconds.
    public var rpoSeconds: Double {
        _read { yield storage.rpoSeconds }
        _modify {
            unique()
            yield &storage.rpoSeconds
        }
    }
    /// The disaster-recovery strategy, when named.
    public var strategy: DRStrategy? {
        _read { yield storage.strategy }
        _modify {
            unique()
            yield &storage.strategy
        }
    }
    /// The RTO target the configuration sets, in seconds; nil: the strategy's band (`rtoTargetSeconds`).
    public var rtoSeconds: Double? {
        _read { yield storage.rtoSeconds }
        _modify {
            unique()
            yield &storage.rtoSeconds
        }
    }
    /// What routes users to the two sides, as configured or discovered.
    public var routing: PairRouting {
        _read { yield storage.routing }
        _modify {
            unique()
            yield &storage.routing
        }
    }
    /// The AWS Backup vault the configuration names, when it does.
    public var backupVault: String? {
        _read { yield storage.backupVault }
        _modify {
            unique()
            yield &storage.backupVault
        }
    }
    /// Where users are sent now, as read; nil when the pair names no routing or it has not been read yet.
    public var traffic: TrafficStatus? {
        _read { yield storage.traffic }
        _modify {
            unique()
            yield &storage.traffic
        }
    }
    /// What AWS Backup holds of the primary bucket; nil when it is not watched for this pair or not read yet.
    public var backup: BackupStatus? {
        _read { yield storage.backup }
        _modify {
            unique()
            yield &storage.backup
        }
    }
    /// Starts loading this pair's stored fields (a hint; `Assessment` asks for the pairs it judges next).
    @inline(__always)
    static func prefetchFields(at pair: UnsafePointer<BucketPair>) {
        Prefetch.referenced(by: pair, Storage.bytes)
    }

    /// Starts loading both directions' stored fields; reads this pair's own (asked for before).
    @inline(__always)
    static func prefetchDirections(at pair: UnsafePointer<BucketPair>) {
        pair.pointee.storage.prefetchDirections()
    }

    /// Starts loading the headers of both directions' rules and lag samples; reads the directions' fields (asked
    /// for before).
    @inline(__always)
    static func prefetchDirectionBuffers(at pair: UnsafePointer<BucketPair>) {
        pair.pointee.storage.prefetchDirectionBuffers()
    }

    /// Starts loading both directions' newest lag samples; reads the samples' headers (asked for before).
    @inline(__always)
    static func prefetchNewestSamples(at pair: UnsafePointer<BucketPair>) {
        pair.pointee.storage.prefetchNewestSamples()
    }

    /// Replication primary → secondary: the data a failover gives up is what this direction has not delivered.
    public var fromPrimary: DirectionStatus {
        _read { yield storage.fromPrimary }
        _modify {
            unique()
            yield &storage.fromPrimary
        }
    }
    /// Replication secondary → primary: carries writes back after a failover (failback).
    public var toPrimary: DirectionStatus {
        _read { yield storage.toPrimary }
        _modify {
            unique()
            yield &storage.toPrimary
        }
    }

    /// Creates a pair.
    public init(
        name: String, primary: Bucket, secondary: Bucket, rpoSeconds: Double, strategy: DRStrategy? = nil,
        fromPrimary: DirectionStatus? = nil, toPrimary: DirectionStatus? = nil
    ) {
        storage = Storage(name: name, primary: primary, secondary: secondary, rpoSeconds: rpoSeconds,
                          strategy: strategy, rtoSeconds: nil, backupVault: nil, traffic: nil, backup: nil,
                          fromPrimary: fromPrimary ?? DirectionStatus(source: primary, destination: secondary),
                          toPrimary: toPrimary ?? DirectionStatus(source: secondary, destination: primary))
    }

    /// Equal pairs: the same storage, or equal fields.
    public static func == (lhs: BucketPair, rhs: BucketPair) -> Bool {
        lhs.storage === rhs.storage
            || (lhs.name == rhs.name
            && lhs.primary == rhs.primary
            && lhs.secondary == rhs.secondary
            && lhs.rpoSeconds == rhs.rpoSeconds
            && lhs.strategy == rhs.strategy
            && lhs.rtoSeconds == rhs.rtoSeconds
            && lhs.routing == rhs.routing
            && lhs.backupVault == rhs.backupVault
            && lhs.traffic == rhs.traffic
            && lhs.backup == rhs.backup
            && lhs.fromPrimary == rhs.fromPrimary
            && lhs.toPrimary == rhs.toPrimary)
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
