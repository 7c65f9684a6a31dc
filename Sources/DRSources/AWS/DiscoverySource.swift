import DRCore
import Foundation
import Synchronization

/// Builds the pairs from the account's buckets and their replication rules, then watches them like
/// `AWSSource`. Discovery runs in the background and shows progress ("discovering buckets 45/120") instead of
/// a blank screen; `r` discovers again.
///
/// Two buckets form a pair when one has a rule replicating to the other. With rules both ways the primary is
/// the bucket in the home region (else the first by name); with one rule, its source.
public final class DiscoverySource: ReplicationSource {
    private struct State {
        var started = false
        var progress = PollProgress(activity: "discovering buckets", done: 0)
        var watched: AWSSource?
    }

    private let client: AWSClient
    private let homeRegion: String
    private let defaultRPOSeconds: Double
    private let pollIntervalSeconds: Double
    private let configRefreshSeconds: Double
    private let state = Mutex(State())

    public init(client: AWSClient, homeRegion: String, defaultRPOSeconds: Double, pollIntervalSeconds: Double,
                configRefreshSeconds: Double = 300) {
        self.client = client
        self.homeRegion = homeRegion
        self.defaultRPOSeconds = defaultRPOSeconds
        self.pollIntervalSeconds = pollIntervalSeconds
        self.configRefreshSeconds = configRefreshSeconds
    }

    public func layout() async throws -> SourceLayout {
        let (start, current) = state.withLock { state -> (Bool, State) in
            defer { state.started = true }
            return (!state.started, state)
        }
        if start { Task.detached { [self] in await discover() } }
        if let watched = current.watched { return try await watched.layout() }
        return SourceLayout(kind: .aws, regions: [homeRegion], pairs: [], progress: current.progress)
    }

    public func poll(region: String, now: Date) async throws -> RegionReading {
        guard let watched = state.withLock({ $0.watched }) else {
            return RegionReading(requests: client.requestCounts.filter { $0.region == region })
        }
        return try await watched.poll(region: region, now: now)
    }

    public func invalidateConfiguration() async {
        let idle = state.withLock { state -> Bool in
            guard state.watched != nil else { return false }
            state = State()
            return true
        }
        if idle { _ = try? await layout() }
    }

    public func estimatedMonthlyCostUSD() async -> Double? {
        client.estimatedMonthlyCostUSD(minimumSeconds: pollIntervalSeconds)
    }

    private func progress(_ activity: String, _ done: Int, _ total: Int?) {
        state.withLock { $0.progress = PollProgress(activity: activity, done: done, total: total) }
    }

    /// Lists buckets, locates them, reads their rules, and pairs them.
    private func discover() async {
        do {
            let list = try await client.s3(api: "ListBuckets", region: homeRegion, bucket: nil, what: "ListBuckets")
            let names = S3Parsing.bucketNames(try XMLNode.parse(list.body, what: "ListBuckets"))
            progress("discovering buckets", 0, names.count)
            var regions: [String: String] = [:]
            var rules: [String: [ReplicationRule]] = [:]
            var done = 0
            for chunk in stride(from: 0, to: names.count, by: 8).map({ Array(names[$0..<min(names.count, $0 + 8)]) }) {
                let found = await withTaskGroup(of: (String, String?, [ReplicationRule]).self) { group in
                    for name in chunk { group.addTask { [self] in await inspect(name) } }
                    var out: [(String, String?, [ReplicationRule])] = []
                    for await item in group { out.append(item) }
                    return out
                }
                for (name, region, bucketRules) in found {
                    if let region { regions[name] = region }
                    rules[name] = bucketRules
                }
                done += chunk.count
                progress("discovering buckets", done, names.count)
            }
            let pairs = Self.pairs(regions: regions, rules: rules, home: homeRegion, defaultRPO: defaultRPOSeconds)
            guard !pairs.isEmpty else {
                progress("no replicating bucket pairs among \(names.count) buckets (r: look again)", 0, nil)
                return
            }
            let watched = AWSSource(pairs: pairs, client: client, pollIntervalSeconds: pollIntervalSeconds,
                                    configRefreshSeconds: configRefreshSeconds)
            state.withLock { $0.watched = watched }
        } catch let problem as SourceProblem {
            progress("discovery failed: \(problem.message) (r: retry)", 0, nil)
            state.withLock { $0.started = false }
        } catch {
            progress("discovery failed: \(error) (r: retry)", 0, nil)
            state.withLock { $0.started = false }
        }
    }

    private func inspect(_ name: String) async -> (String, String?, [ReplicationRule]) {
        guard let location = try? await client.s3(api: "GetBucketLocation", region: homeRegion, bucket: name,
                                                  query: [("location", "")], what: "GetBucketLocation \(name)"),
              let xml = try? XMLNode.parse(location.body, what: "GetBucketLocation") else { return (name, nil, []) }
        let region = S3Parsing.location(xml)
        guard let replication = try? await client.s3(
            api: "GetBucketReplication", region: region, bucket: name, query: [("replication", "")],
            what: "GetBucketReplication \(name)"),
              let config = try? XMLNode.parse(replication.body, what: "GetBucketReplication") else {
            return (name, region, [])
        }
        return (name, region, S3Parsing.replicationRules(config))
    }

    /// Pairs buckets whose rules point at each other. Pure, for tests.
    public static func pairs(regions: [String: String], rules: [String: [ReplicationRule]], home: String, defaultRPO: Double)
        -> [PairSpec] {
        var seen: Set<Set<String>> = []
        var pairs: [PairSpec] = []
        for source in rules.keys.sorted() {
            for rule in rules[source] ?? [] {
                let destination = rule.destinationBucket
                guard destination != source, let sourceRegion = regions[source],
                      let destinationRegion = regions[destination],
                      seen.insert([source, destination]).inserted else { continue }
                let back = (rules[destination] ?? []).contains { $0.destinationBucket == source }
                var primary = Bucket(name: source, region: sourceRegion)
                var secondary = Bucket(name: destination, region: destinationRegion)
                if back, secondary.region == home, primary.region != home { swap(&primary, &secondary) }
                pairs.append(PairSpec(name: primary.name, primary: primary, secondary: secondary,
                                      rpoSeconds: defaultRPO))
            }
        }
        return pairs
    }
}
