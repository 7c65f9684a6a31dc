import Foundation

/// What a restore from AWS Backup would give back now, judged against the pair's RPO: the exposure is the time
/// since the newest moment a restore reaches (a continuous backup's `LastBackupTime` while it runs, else the newest
/// completed recovery point). No recovery point at all is a breach; a failed latest job is a failure with its
/// message; a status that was not read is unknown.
public struct BackupExposure: Sendable, Equatable {
    /// The state against the RPO.
    public var state: HealthState
    /// Seconds since the newest restorable moment; nil when there is none or it was not read.
    public var exposureSeconds: Double?
    /// The latest job's failure, "FAILED: Access denied", when it failed.
    public var jobFailure: String?
    /// One line for the screen and the check: "backup 3h12m ago (RPO 4h)", "no recovery point", ...
    public var summary: String

    /// Judges `backup` of a pair with RPO `rpoSeconds` at `now` with `thresholds`.
    public init(_ backup: BackupStatus?, rpoSeconds: Double, thresholds: Thresholds, now: Date) {
        let rpo = Format.duration(rpoSeconds)
        let job = backup?.latestJob
        jobFailure = job.flatMap { ["FAILED", "ABORTED", "EXPIRED", "PARTIAL"].contains($0.state)
            ? "\($0.state)\($0.statusMessage.map { ": \($0)" } ?? "")" : nil }
        guard let backup, backup.readAt != nil else {
            state = .unknown
            exposureSeconds = nil
            summary = backup?.problem.map { "backup not read: \($0)" } ?? "backup not read yet"
            return
        }
        guard let upTo = backup.restorableUpTo else {
            state = backup.problem == nil ? .breach : .unknown
            exposureSeconds = nil
            summary = backup.problem.map { "backup not read: \($0)" }
                ?? "no recovery point\(backup.vault.map { " in \($0)" } ?? "")\(jobFailure.map { " (last job \($0))" } ?? "")"
            return
        }
        let age = max(0, now.timeIntervalSince(upTo))
        exposureSeconds = age
        let byAge = thresholds.state(forShare: age / rpoSeconds)
        state = byAge == .ok && jobFailure != nil ? .warning : byAge
        let kind = backup.continuousIsLive ? "continuous backup" : "backup"
        summary = "\(kind) \(Format.duration(age)) ago (RPO \(rpo))\(jobFailure.map { ", last job \($0)" } ?? "")"
            + (backup.problem.map { " (last read failed: \($0))" } ?? "")
    }

    /// The moments after `now` at which the exposure of `backup` crosses the warning or the breach share of the
    /// RPO: the judgement changes then by the clock alone.
    public static func boundaries(_ backup: BackupStatus?, rpoSeconds: Double, thresholds: Thresholds,
                                  after now: Date) -> [Date] {
        guard let upTo = backup?.restorableUpTo else { return [] }
        return [thresholds.warningShare, thresholds.breachShare]
            .map { upTo.addingTimeInterval($0 * rpoSeconds) }
            .filter { $0 >= now }
    }
}
