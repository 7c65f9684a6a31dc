import DRCore
import DRSourceKit
import DRWire
import Foundation
import Synchronization

/// Follows recently written object versions of each direction until they leave PENDING. New versions come
/// either from a bounded, incremental scan (`VersionScanner`: a few ListObjectVersions pages a tick under each
/// rule prefix, the cursor carried across ticks, versions written within the window) or, for buckets with an
/// event queue, from S3 event notifications; then HEAD reads `x-amz-replication-status`, at most `headsPerTick`
/// HEADs a tick. Failure reasons and Replication Time Control events come from s3:Replication:* events (HEAD
/// says FAILED but not why).
///
/// A source with several destinations: S3's status on the source is the aggregate (COMPLETED only when every
/// destination is done, FAILED when any fails), so for such a source the replica's HEAD in this direction's
/// destination decides whether this direction is done; what stays unknown per destination says "one of N
/// destinations".
final class ObjectTracker: Sendable {
    private struct Tracked: Sendable {
        var object: PendingObject
        var status: ObjectStatus?
        var checkedAt: Date?
    }

    /// What one refresh of a direction found.
    struct Refresh: Sendable {
        /// Objects still PENDING or FAILED, oldest first.
        var objects: [PendingObject]
        /// How much of the source the scan has seen (nil when the queue comes from events).
        var coverage: QueueCoverage?
        /// The first problem met reading single objects this tick (a HEAD denied, throttled).
        var problem: SourceProblem?
    }

    private enum TimeEvent: Sendable {
        case missed, replicatedAfter, notTracked
    }

    private let client: AWSClient
    private let windowSeconds: Double
    private let headsPerTick: Int
    private let scanner: VersionScanner
    private let tracked = Mutex<[DirectionKey: [String: Tracked]]>([:])
    /// Versions done in a direction (ident + destination).
    private let finished = Mutex<Set<String>>([])
    /// Failure reasons from events, by version identity and destination ("" when the event named none).
    private let reasons = Mutex<[String: String]>([:])
    /// Failures seen in events, per direction, for the failures-by-reason figure.
    private let failures = Mutex<[DirectionKey: [(time: Date, reason: String)]]>([:])
    /// Replication Time Control events per direction.
    private let timeEvents = Mutex<[DirectionKey: [(time: Date, kind: TimeEvent)]]>([:])

    init(client: AWSClient, windowSeconds: Double = 900, headsPerTick: Int = 50, scanPagesPerTick: Int = 2,
         scanPageSize: Int = 1000) {
        self.client = client
        self.windowSeconds = windowSeconds
        self.headsPerTick = headsPerTick
        self.scanner = VersionScanner(client: client, pagesPerTick: scanPagesPerTick, pageSize: scanPageSize)
    }

    private static func ident(_ bucket: String, _ key: String, _ version: String) -> String {
        "\(bucket)\u{0}\(key)\u{0}\(version)"
    }

    private static func done(_ ident: String, _ destination: String) -> String { "\(ident)\u{0}\(destination)" }

    private static func prefixes(_ rules: [ReplicationRule], to destination: String) -> [String] {
        rules.filter { $0.enabled && $0.destinationBucket == destination }.map(\.prefix)
    }

    /// The destinations whose enabled rules take `key`.
    private static func destinations(of key: String, _ rules: [ReplicationRule]) -> Set<String> {
        Set(rules.filter { $0.enabled && key.hasPrefix($0.prefix) }.map(\.destinationBucket))
    }

    /// Takes in S3 events of `source`: new versions start being followed in every direction whose rules match
    /// them; failed replications are marked FAILED with their reason; RTC events are counted per direction.
    func ingest(_ events: [S3Event], source: Bucket, rules: [ReplicationRule], destinations: [String], now: Date) {
        let done = finished.withLock { $0 }
        for event in events where event.bucket == source.name && !event.key.hasPrefix(CanaryProber.prefix) {
            let version = event.versionID ?? ""
            let ident = Self.ident(source.name, event.key, version)
            let object = PendingObject(key: event.key, versionID: version, size: event.size ?? 0,
                                       writtenAt: event.time ?? now, status: .pending)
            let targets = destinations.filter { destination in
                (event.destinationBucket == nil || event.destinationBucket == destination)
                    && Self.prefixes(rules, to: destination).contains { event.key.hasPrefix($0) }
            }
            for destination in targets {
                let key = DirectionKey(source: source.name, destination: destination)
                switch event.kind {
                case .created:
                    guard !done.contains(Self.done(ident, destination)) else { continue }
                    tracked.withLock { state in
                        guard state[key]?[ident] == nil else { return }
                        state[key, default: [:]][ident] = Tracked(object: object, status: nil, checkedAt: nil)
                    }
                case .failed(let reason):
                    reasons.withLock { map in
                        if map.count > 100_000 { map.removeAll() }
                        map[Self.done(ident, event.destinationBucket ?? "")] = reason
                    }
                    failures.withLock { $0[key, default: []].append((event.time ?? now, reason)) }
                    tracked.withLock { state in
                        var entry = state[key]?[ident] ?? Tracked(object: object, status: nil, checkedAt: nil)
                        entry.status = .failed
                        entry.object.status = .failed
                        entry.object.failureReason = reason
                        entry.checkedAt = now
                        state[key, default: [:]][ident] = entry
                    }
                case .missedThreshold:
                    record(.missed, key, event.time ?? now)
                    tracked.withLock { state in state[key]?[ident]?.object.note = "missed the RTC threshold" }
                case .replicatedAfterThreshold:
                    record(.replicatedAfter, key, event.time ?? now)
                case .notTracked:
                    record(.notTracked, key, event.time ?? now)
                case .other:
                    break
                }
            }
        }
    }

    private func record(_ kind: TimeEvent, _ key: DirectionKey, _ time: Date) {
        timeEvents.withLock { $0[key, default: []].append((time, kind)) }
    }

    /// Replication Time Control events of the last 15 minutes for the direction.
    func replicationTime(_ key: DirectionKey, now: Date) -> ReplicationTimeEvents {
        let recent = timeEvents.withLock { state -> [(time: Date, kind: TimeEvent)] in
            let kept = (state[key] ?? []).filter { now.timeIntervalSince($0.time) <= 900 }
            state[key] = kept
            return kept
        }
        var counts = ReplicationTimeEvents()
        for event in recent {
            switch event.kind {
            case .missed: counts.missedThreshold += 1
            case .replicatedAfter: counts.replicatedAfterThreshold += 1
            case .notTracked: counts.notTracked += 1
            }
        }
        return counts
    }

    /// Failed replications of the last 15 minutes seen in events, by reason (most first).
    func failuresByReason(_ key: DirectionKey, now: Date) -> [FailureCount] {
        let recent = failures.withLock { state -> [(time: Date, reason: String)] in
            let kept = (state[key] ?? []).filter { now.timeIntervalSince($0.time) <= 900 }
            state[key] = kept
            return kept
        }
        var counts: [String: Int] = [:]
        for failure in recent { counts[failure.reason, default: 0] += 1 }
        return counts.map { FailureCount(reason: $0.key, count: $0.value) }
            .sorted { ($1.count, $0.reason) < ($0.count, $1.reason) }
    }

    /// Finds new versions (by scanning `source` when `scan`), checks what it can this tick, and returns the
    /// objects of the direction still PENDING or FAILED, with the scan's coverage and the first problem met.
    func refresh(source: Bucket, destination: Bucket, rules: [ReplicationRule], now: Date, scan: Bool = true)
        async throws -> Refresh {
        let key = DirectionKey(source: source.name, destination: destination.name)
        let prefixes = Self.prefixes(rules, to: destination.name)
        guard !prefixes.isEmpty else { return Refresh(objects: [], coverage: nil, problem: nil) }
        let cutoff = now.addingTimeInterval(-windowSeconds)
        var found: [String: PendingObject] = [:]
        var coverage: QueueCoverage?
        if scan {
            let listing = try await scanner.tick(source, prefixes: prefixes, now: now)
            coverage = listing.coverage
            let done = finished.withLock { $0 }
            for version in listing.versions {
                guard version.lastModified >= cutoff, prefixes.contains(where: { version.key.hasPrefix($0) }),
                      !version.key.hasPrefix(CanaryProber.prefix) else { continue }
                let ident = Self.ident(source.name, version.key, version.versionID)
                if done.contains(Self.done(ident, destination.name)) { continue }
                found[ident] = PendingObject(key: version.key, versionID: version.versionID, size: version.size,
                                             writtenAt: version.lastModified, status: .pending)
            }
        }
        // Merge what the scan found with what is followed already.
        var current = tracked.withLock { state -> [String: Tracked] in
            var entries = state[key] ?? [:]
            for (ident, object) in found where entries[ident] == nil {
                entries[ident] = Tracked(object: object, status: nil, checkedAt: nil)
            }
            entries = entries.filter { $0.value.object.writtenAt >= cutoff }
            state[key] = entries
            return entries
        }
        // HEAD the never-checked first, then the longest unchecked, up to the cap.
        let order = current.sorted { lhs, rhs in
            (lhs.value.checkedAt ?? .distantPast, lhs.value.object.writtenAt)
                < (rhs.value.checkedAt ?? .distantPast, rhs.value.object.writtenAt)
        }.prefix(headsPerTick)
        let objects = S3Objects(client: client)
        let known = reasons.withLock { $0 }
        var problem: SourceProblem?
        for (ident, entry) in order {
            let version = entry.object.versionID
            var status: ObjectStatus?
            var note: String?
            do {
                status = try await objects.replicationStatus(bucket: source, key: entry.object.key,
                                                             versionID: version.isEmpty ? nil : version)
                let fanout = Self.destinations(of: entry.object.key, rules).count
                if fanout > 1, status == .pending || status == .failed {
                    // The aggregate over every destination: this one may be done while another is not.
                    if try await replicaExists(entry.object, in: destination) {
                        status = .completed
                    } else if known[Self.done(ident, destination.name)] == nil {
                        note = "one of \(fanout) destinations"
                    }
                }
            } catch let failure as SourceProblem where failure.kind == .notFound {
                status = nil  // the version is gone: nothing left to follow
            } catch let failure as SourceProblem {
                if failure.isUnreachable { throw failure }
                // Not readable this tick (denied, throttled): keep following it, try again later, and say why.
                problem = problem ?? Self.named(failure, versioned: !version.isEmpty)
                current[ident]?.checkedAt = now
                continue
            }
            switch status {
            case .pending?, .failed?:
                current[ident]?.status = status
                current[ident]?.checkedAt = now
                current[ident]?.object.status = status!
                if current[ident]?.object.note != "missed the RTC threshold" { current[ident]?.object.note = note }
                if status == .failed, let reason = known[Self.done(ident, destination.name)] ?? known[Self.done(ident, "")] {
                    current[ident]?.object.failureReason = reason
                }
            default:
                // COMPLETED, REPLICA (written by replication from the other side), no status (no rule applies)
                // or deleted: nothing left to follow in this direction.
                current[ident] = nil
                finished.withLock { set in
                    if set.count > 100_000 { set.removeAll() }
                    set.insert(Self.done(ident, destination.name))
                }
            }
        }
        tracked.withLock { $0[key] = current }
        let waiting = current.values.compactMap { $0.status == nil ? nil : $0.object }
            .sorted { ($0.writtenAt, $0.key) < ($1.writtenAt, $1.key) }
        return Refresh(objects: waiting, coverage: coverage, problem: problem)
    }

    /// Whether the version's replica is in `destination` (S3 keeps the version ID on replicas).
    private func replicaExists(_ object: PendingObject, in destination: Bucket) async throws -> Bool {
        do {
            _ = try await S3Objects(client: client).replicationStatus(
                bucket: destination, key: object.key, versionID: object.versionID.isEmpty ? nil : object.versionID)
            return true
        } catch let failure as SourceProblem where failure.kind == .notFound {
            return false
        }
    }

    /// A HEAD of a version needs s3:GetObjectVersion, not s3:GetObject: say so.
    private static func named(_ problem: SourceProblem, versioned: Bool) -> SourceProblem {
        guard versioned, problem.kind == .accessDenied, problem.message.contains("(needs s3:GetObject)") else {
            return problem
        }
        return SourceProblem(.accessDenied, problem.message.replacingOccurrences(
            of: "(needs s3:GetObject)", with: "(needs s3:GetObjectVersion)"))
    }
}
