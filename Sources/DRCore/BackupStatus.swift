import Foundation

/// What AWS Backup holds for a pair's primary bucket: the newest recovery point, the protection as AWS Backup
/// describes it, and the latest backup job. Nil members were not read or do not exist; `problem` says which.
public struct BackupStatus: Sendable, Equatable {
    /// A recovery point of the bucket.
    public struct RecoveryPoint: Sendable, Equatable {
        /// Its ARN.
        public var arn: String
        /// When it was created (for a continuous point: when protection started).
        public var createdAt: Date
        /// AWS Backup's status: COMPLETED, PARTIAL, DELETING, EXPIRED, STOPPED, ...
        public var status: String
        /// The vault holding it.
        public var vault: String?
        /// Whether it is a continuous (point-in-time) backup.
        public var isContinuous: Bool
        /// Its size, when AWS Backup says.
        public var sizeBytes: Double?
        /// Creates a recovery point.
        public init(arn: String, createdAt: Date, status: String, vault: String? = nil, isContinuous: Bool = false,
                    sizeBytes: Double? = nil) {
            self.arn = arn
            self.createdAt = createdAt
            self.status = status
            self.vault = vault
            self.isContinuous = isContinuous
            self.sizeBytes = sizeBytes
        }
    }

    /// A backup job of the bucket.
    public struct Job: Sendable, Equatable {
        /// Its ID.
        public var id: String
        /// CREATED, PENDING, RUNNING, ABORTING, ABORTED, COMPLETED, FAILED, EXPIRED, PARTIAL.
        public var state: String
        /// Why it failed, as AWS Backup says.
        public var statusMessage: String?
        /// When it was created.
        public var createdAt: Date
        /// When it completed.
        public var completedAt: Date?
        /// Creates a job.
        public init(id: String, state: String, statusMessage: String? = nil, createdAt: Date, completedAt: Date? = nil) {
            self.id = id
            self.state = state
            self.statusMessage = statusMessage
            self.createdAt = createdAt
            self.completedAt = completedAt
        }
    }

    /// The vault the configuration names, when it does (recovery points elsewhere are then ignored).
    public var vault: String?
    /// The newest COMPLETED periodic recovery point.
    public var latestPeriodic: RecoveryPoint?
    /// The continuous recovery point, when there is one.
    public var continuous: RecoveryPoint?
    /// `LastBackupTime` from DescribeProtectedResource (for continuous backups, how far protection reaches).
    public var lastBackupTime: Date?
    /// The latest backup job.
    public var latestJob: Job?
    /// Why AWS Backup could not be read, when it could not (then the other members are what was read before, or nil).
    public var problem: String?
    /// When it was read.
    public var readAt: Date?

    /// Creates a backup status.
    public init(vault: String? = nil, latestPeriodic: RecoveryPoint? = nil, continuous: RecoveryPoint? = nil,
                lastBackupTime: Date? = nil, latestJob: Job? = nil, problem: String? = nil, readAt: Date? = nil) {
        self.vault = vault
        self.latestPeriodic = latestPeriodic
        self.continuous = continuous
        self.lastBackupTime = lastBackupTime
        self.latestJob = latestJob
        self.problem = problem
        self.readAt = readAt
    }

    /// Whether AWS Backup was read and knows nothing of the bucket: no recovery point, job or protection, and no
    /// problem reading it.
    public var isUnprotected: Bool {
        readAt != nil && problem == nil && latestPeriodic == nil && continuous == nil && lastBackupTime == nil
            && latestJob == nil
    }

    /// The statuses of a continuous recovery point that still protects (`LastBackupTime` moves with it).
    public static let liveStatuses: Set<String> = ["COMPLETED", "AVAILABLE", "CREATING"]

    /// Whether the continuous backup, if any, is live.
    public var continuousIsLive: Bool { continuous.map { Self.liveStatuses.contains($0.status) } ?? false }

    /// The newest moment a restore could bring back: `LastBackupTime` of a live continuous backup (`liveStatuses`),
    /// else the newest completed periodic point's creation; nil when there is none (a breach).
    public var restorableUpTo: Date? {
        if let continuous, Self.liveStatuses.contains(continuous.status), let last = lastBackupTime { return last }
        let periodic = latestPeriodic?.createdAt
        // A continuous backup that stopped (or expires, or is being deleted) reached as far as its last backup.
        let stopped = continuous.flatMap { $0.status == "STOPPED" ? lastBackupTime : nil }
        switch (periodic, stopped) {
        case let (p?, s?): return max(p, s)
        case let (p?, nil): return p
        case let (nil, s?): return s
        default: return nil
        }
    }
}
