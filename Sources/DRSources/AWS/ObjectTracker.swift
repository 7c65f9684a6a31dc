import DRCore
import Foundation
import Synchronization

/// Follows recently written object versions of each direction until they leave PENDING. New versions come
/// either from a bounded scan (one ListObjectVersions page a tick, versions written within the window, keys
/// the direction's rules match) or, for buckets with an event queue, from S3 event notifications; then HEAD
/// reads `x-amz-replication-status`, at most `headsPerTick` HEADs a tick. Failure reasons come from
/// s3:Replication:OperationFailedReplication events (HEAD says FAILED but not why).
final class ObjectTracker: Sendable {
    private struct Tracked: Sendable {
        var object: PendingObject
        var status: ObjectStatus?
        var checkedAt: Date?
    }

    private let client: AWSClient
    private let windowSeconds: Double
    private let headsPerTick: Int
    private let tracked = Mutex<[DirectionKey: [String: Tracked]]>([:])
    private let finished = Mutex<Set<String>>([])
    /// Failure reasons from events, by version identity.
    private let reasons = Mutex<[String: String]>([:])
    /// Failures seen in events, per direction, for the failures-by-reason figure.
    private let failures = Mutex<[DirectionKey: [(time: Date, reason: String)]]>([:])

    init(client: AWSClient, windowSeconds: Double = 900, headsPerTick: Int = 50) {
        self.client = client
        self.windowSeconds = windowSeconds
        self.headsPerTick = headsPerTick
    }

    private static func ident(_ bucket: String, _ key: String, _ version: String) -> String {
        "\(bucket)\u{0}\(key)\u{0}\(version)"
    }

    private static func prefixes(_ rules: [ReplicationRule], to destination: String) -> [String] {
        rules.filter { $0.enabled && $0.destinationBucket == destination }.map(\.prefix)
    }

    /// Takes in S3 events of `source`: new versions start being followed in every direction whose rules match
    /// them; failed replications are marked FAILED with their reason.
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
                    guard !done.contains(ident) else { continue }
                    tracked.withLock { state in
                        guard state[key]?[ident] == nil else { return }
                        state[key, default: [:]][ident] = Tracked(object: object, status: nil, checkedAt: nil)
                    }
                case .failed(let reason):
                    reasons.withLock { map in
                        if map.count > 100_000 { map.removeAll() }
                        map[ident] = reason
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
                case .other:
                    break
                }
            }
        }
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
    /// objects still PENDING or FAILED.
    func refresh(source: Bucket, destination: String, rules: [ReplicationRule], now: Date, scan: Bool = true)
        async throws -> [PendingObject] {
        let key = DirectionKey(source: source.name, destination: destination)
        let prefixes = Self.prefixes(rules, to: destination)
        guard !prefixes.isEmpty else { return [] }
        let cutoff = now.addingTimeInterval(-windowSeconds)
        var found: [String: PendingObject] = [:]
        if scan {
            let list = try await client.s3(api: "ListObjectVersions", region: source.region, bucket: source.name,
                                           query: [("max-keys", "1000"), ("versions", "")],
                                           what: "ListObjectVersions \(source.name)")
            let xml = try XMLNode.parse(list.body, what: "ListObjectVersions")
            let done = finished.withLock { $0 }
            for version in xml.all("Version") {
                guard let name = version.string("Key"), let id = version.string("VersionId"),
                      let written = version.string("LastModified").flatMap(ISO8601.parse), written >= cutoff,
                      prefixes.contains(where: { name.hasPrefix($0) }), !name.hasPrefix(CanaryProber.prefix) else {
                    continue
                }
                let ident = Self.ident(source.name, name, id)
                if done.contains(ident) { continue }
                found[ident] = PendingObject(key: name, versionID: id, size: Int64(version.string("Size") ?? "") ?? 0,
                                             writtenAt: written, status: .pending)
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
        for (ident, entry) in order {
            let version = entry.object.versionID
            let status: ObjectStatus?
            do {
                status = try await objects.replicationStatus(bucket: source, key: entry.object.key,
                                                             versionID: version.isEmpty ? nil : version)
            } catch let problem as SourceProblem where problem.kind == .notFound {
                status = nil  // the version is gone: nothing left to follow
            } catch {
                // Not readable this tick (throttled, timed out): keep following it, try again later.
                current[ident]?.checkedAt = now
                continue
            }
            switch status {
            case .pending?, .failed?:
                current[ident]?.status = status
                current[ident]?.checkedAt = now
                current[ident]?.object.status = status!
                if status == .failed, let reason = known[ident] { current[ident]?.object.failureReason = reason }
            default:
                // COMPLETED, REPLICA (written by replication from the other side), no status (no rule applies)
                // or deleted: nothing left to follow.
                current[ident] = nil
                finished.withLock { set in
                    if set.count > 100_000 { set.removeAll() }
                    set.insert(ident)
                }
            }
        }
        tracked.withLock { $0[key] = current }
        return current.values.compactMap { $0.status == nil ? nil : $0.object }
            .sorted { ($0.writtenAt, $0.key) < ($1.writtenAt, $1.key) }
    }
}
