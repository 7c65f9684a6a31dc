import DRCore
import Foundation
import Synchronization

/// Follows recently written object versions of each direction until they leave PENDING: a bounded scan
/// (one ListObjectVersions page a tick, versions written within the window, keys the direction's rules match),
/// then HEAD for `x-amz-replication-status`, at most `headsPerTick` HEADs a tick. Large buckets need S3 event
/// notifications instead of scanning (not yet).
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

    init(client: AWSClient, windowSeconds: Double = 900, headsPerTick: Int = 50) {
        self.client = client
        self.windowSeconds = windowSeconds
        self.headsPerTick = headsPerTick
    }

    /// Scans `source`, checks what it can this tick, and returns the objects still PENDING or FAILED.
    func refresh(source: Bucket, destination: String, rules: [ReplicationRule], now: Date) async throws
        -> [PendingObject] {
        let key = DirectionKey(source: source.name, destination: destination)
        let prefixes = rules.filter { $0.enabled && $0.destinationBucket == destination }.map(\.prefix)
        guard !prefixes.isEmpty else { return [] }
        let list = try await client.s3(api: "ListObjectVersions", region: source.region, bucket: source.name,
                                       query: [("max-keys", "1000"), ("versions", "")],
                                       what: "ListObjectVersions \(source.name)")
        let xml = try XMLNode.parse(list.body, what: "ListObjectVersions")
        let cutoff = now.addingTimeInterval(-windowSeconds)
        let done = finished.withLock { $0 }
        var found: [String: PendingObject] = [:]
        for version in xml.all("Version") {
            guard let name = version.string("Key"), let id = version.string("VersionId"),
                  let written = version.string("LastModified").flatMap(ISO8601.parse), written >= cutoff,
                  prefixes.contains(where: { name.hasPrefix($0) }), !name.hasPrefix(CanaryProber.prefix) else { continue }
            let ident = "\(source.name)\u{0}\(name)\u{0}\(id)"
            if done.contains(ident) { continue }
            found[ident] = PendingObject(key: name, versionID: id, size: Int64(version.string("Size") ?? "") ?? 0,
                                         writtenAt: written, status: .pending)
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
        for (ident, entry) in order {
            let status = try? await objects.replicationStatus(bucket: source, key: entry.object.key,
                                                              versionID: entry.object.versionID)
            switch status {
            case .pending?, .failed?:
                current[ident]?.status = status
                current[ident]?.checkedAt = now
                current[ident]?.object.status = status!
            default:
                // COMPLETED, REPLICA (written by replication from the other side), or no status (no rule
                // applies): nothing left to follow.
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
