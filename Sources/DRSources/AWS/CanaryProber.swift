import DRCore
import Foundation
import Synchronization

/// Opt-in canaries (`--canary`): every few ticks drtop writes a tiny object `drtop-canary/<source-region>/<ms>`
/// to each source bucket and times its arrival on the other side (HEAD finds it): the true end-to-end lag of each
/// direction. Arrived canaries are deleted, by version, on both sides; drtop writes nothing outside its prefix.
final class CanaryProber: Sendable {
    static let prefix = "drtop-canary/"

    private struct Probe: Sendable {
        var key: String
        var sourceVersion: String?
        var putAt: Date
    }

    private struct State {
        var probes: [DirectionKey: Probe] = [:]
        var lags: [DirectionKey: Double] = [:]
        var ticks: [String: Int] = [:]
    }

    private let client: AWSClient
    private let everyTicks: Int
    private let giveUpSeconds: Double
    private let state = Mutex(State())

    init(client: AWSClient, everyTicks: Int, giveUpSeconds: Double = 900) {
        self.client = client
        self.everyTicks = max(1, everyTicks)
        self.giveUpSeconds = giveUpSeconds
    }

    /// Whether `rules` replicate a canary written by `region` to `destination`.
    private static func covers(_ rules: [ReplicationRule], destination: String, region: String) -> Bool {
        let key = "\(prefix)\(region)/"
        return rules.contains { $0.enabled && $0.destinationBucket == destination && $0.tags.isEmpty
            && (key.hasPrefix($0.prefix) || $0.prefix.hasPrefix(key)) }
    }

    /// The poll of `region`: writes new canaries from its buckets (every `everyTicks` ticks) and looks for
    /// canaries that should have arrived in them. Returns the last measured lag of each direction.
    func tick(region: String, directions: [(source: Bucket, destination: Bucket, rules: [ReplicationRule])], now: Date)
        async -> [DirectionKey: Double] {
        let write = state.withLock { state -> Bool in
            state.ticks[region, default: -1] += 1
            return state.ticks[region]! % everyTicks == 0
        }
        for direction in directions {
            let key = DirectionKey(source: direction.source.name, destination: direction.destination.name)
            if direction.source.region == region, write, state.withLock({ $0.probes[key] == nil }),
               Self.covers(direction.rules, destination: direction.destination.name, region: region) {
                let object = "\(Self.prefix)\(region)/\(Int(now.timeIntervalSince1970 * 1000))"
                if let response = try? await client.s3(
                    api: "PutObject", region: region, method: "PUT", bucket: direction.source.name, key: object,
                    body: Data("drtop canary \(SnapshotDocument.iso8601(now))\n".utf8),
                    what: "PutObject canary \(direction.source.name)") {
                    state.withLock { $0.probes[key] = Probe(key: object, sourceVersion: response.headers["x-amz-version-id"],
                                                           putAt: now) }
                }
            }
            if direction.destination.region == region, let probe = state.withLock({ $0.probes[key] }) {
                await look(for: probe, key, direction.source, direction.destination, now: now)
            }
        }
        return state.withLock { $0.lags }
    }

    private func look(for probe: Probe, _ key: DirectionKey, _ source: Bucket, _ destination: Bucket, now: Date) async {
        let head = try? await client.s3(api: "HeadObject", region: destination.region, method: "HEAD",
                                        bucket: destination.name, key: probe.key,
                                        what: "HeadObject canary \(destination.name)", acceptStatus: [404])
        let arrived = head?.status == 200
        let expired = now.timeIntervalSince(probe.putAt) > giveUpSeconds
        guard arrived || expired else { return }
        state.withLock { state in
            state.probes[key] = nil
            if arrived { state.lags[key] = max(0, now.timeIntervalSince(probe.putAt)) }
        }
        // Clean up under drtop's own prefix only, by version so nothing is left behind.
        if let version = probe.sourceVersion {
            _ = try? await client.s3(api: "DeleteObject", region: source.region, method: "DELETE", bucket: source.name,
                                     key: probe.key, query: [("versionId", version)], what: "DeleteObject canary")
        }
        if arrived, let version = head?.headers["x-amz-version-id"] {
            _ = try? await client.s3(api: "DeleteObject", region: destination.region, method: "DELETE",
                                     bucket: destination.name, key: probe.key, query: [("versionId", version)],
                                     what: "DeleteObject canary")
        }
    }
}
