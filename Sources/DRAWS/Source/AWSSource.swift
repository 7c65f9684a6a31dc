import DRCore
import DRSourceKit
import DRWire
import Foundation
import Synchronization

/// Watches configured bucket pairs through the S3 and CloudWatch APIs (AWS or any S3-compatible endpoint).
///
/// Configuration (versioning, replication rules) is cached and re-read on a slower clock or on `r`; metrics are
/// read every tick, all of a region's queries batched into as few GetMetricData calls as allowed. Failures
/// become data: a bucket's problem is kept with its configuration, a region that cannot be reached fails its
/// poll, and metrics that cannot be read leave the values unknown with the reason.
package final class AWSSource: ReplicationSource {
    let pairs: [PairSpec]
    let regions: [String]
    let client: AWSClient
    let metrics: CloudWatchMetrics
    let configRefreshSeconds: Double
    let retryAfterFailureSeconds: Double
    let cache = Mutex<[String: BucketConfiguration]>([:])
    /// Regions whose metric history (`historySeconds`) has been read: later polls read the last 15 minutes.
    let historyRead = Mutex<Set<String>>([])
    /// Seconds of CloudWatch history the first poll of a region reads, so that the sparkline, the trend and the
    /// chart mean something from the first frame (the same metrics, so the same cost: CloudWatch bills per
    /// metric requested, not per datapoint).
    package static let historySeconds: Double = 3 * 3600
    /// Seconds of metrics every poll reads: the last 15 minutes.
    static let pollWindowSeconds = CloudWatchMetrics.defaultWindowSeconds
    /// Seconds of history the first full poll of a region reads (the dashboard's poll right after its first look):
    /// `historySeconds` for the dashboard, the 15 minutes every poll reads for a headless command, which draws no
    /// sparkline (CloudWatch answers a window of 3 hours with 12 times the datapoints; an emulator such as moto
    /// takes about that much longer).
    let firstPollSeconds: Double
    /// Whether the first poll of a region is a first look (the dashboard's): the configuration, the last 15
    /// minutes of metrics, routing and backups — what the overview and the failover check judge — and the poll
    /// right after it (`pollsAgainAtOnce`) reads the history and the object queue. The first frame then waits
    /// for fewer requests.
    let firstLookFirst: Bool
    /// Regions whose first look has been polled.
    let firstLooked = Mutex<Set<String>>([])
    /// Every region had its first look since the poller last asked `pollsAgainAtOnce`: one poll at once after them.
    let followUpDue = Mutex(false)
    let clock: @Sendable () -> Date
    let pollIntervalSeconds: Double
    /// Both directions of every pair, primary → secondary first.
    let directions: [(source: Bucket, destination: Bucket)]
    let tracker: ObjectTracker?
    let canary: CanaryProber?
    /// Event queues by URL, with the buckets whose events they carry.
    let eventQueues: [(queue: S3EventQueue, buckets: [Bucket])]
    /// Where the users of pairs that name their routing go (MRAP, Route 53, ARC, Global Accelerator).
    let routing: RoutingWatch
    /// What AWS Backup holds of the pairs that watch it.
    let backups: BackupWatch

    /// Creates the source for `pairs`. Configuration is re-read every `configRefreshSeconds` (and after a
    /// failure, every `retryAfterFailureSeconds`).
    /// With `trackObjects`, each tick also finds recent versions of every source bucket and HEADs them until
    /// they leave PENDING (the drill-down's queue): by scanning, or from the SQS queue `eventQueues` names for
    /// the bucket (S3 event notifications; drtop deletes the messages it reads, so the queue must be its own).
    package init(pairs: [PairSpec], client: AWSClient, pollIntervalSeconds: Double = 2, configRefreshSeconds: Double = Defaults.configRefreshSeconds,
                retryAfterFailureSeconds: Double = 30, trackObjects: Bool = true, canaryEveryTicks: Int? = nil,
                eventQueues: [String: URL] = [:], historySeconds: Double = AWSSource.historySeconds,
                firstLookFirst: Bool = false, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.pollIntervalSeconds = pollIntervalSeconds
        self.firstLookFirst = firstLookFirst
        firstPollSeconds = max(Self.pollWindowSeconds, historySeconds)
        self.tracker = trackObjects ? ObjectTracker(client: client) : nil
        self.canary = canaryEveryTicks.map { CanaryProber(client: client, everyTicks: $0) }
        self.pairs = pairs
        var regions: [String] = []
        for pair in pairs {
            for region in [pair.primary.region, pair.secondary.region] where !regions.contains(region) {
                regions.append(region)
            }
        }
        self.regions = regions
        self.directions = pairs.flatMap { [($0.primary, $0.secondary), ($0.secondary, $0.primary)] }
        var queues: [(queue: S3EventQueue, buckets: [Bucket])] = []
        if trackObjects {
            var seen: Set<String> = []
            let sides = pairs.flatMap { [$0.primary, $0.secondary] }.filter { seen.insert($0.name).inserted }
            for bucket in sides {
                guard let url = eventQueues[bucket.name] else { continue }
                if let index = queues.firstIndex(where: { $0.queue.url == url }) {
                    queues[index].buckets.append(bucket)
                } else {
                    // Long polling (1 s) where a refresh leaves room for it; at a few seconds' refresh the
                    // wait would take most of a poll.
                    queues.append((S3EventQueue(url: url, region: bucket.region, client: client,
                                                waitSeconds: pollIntervalSeconds >= 10 ? 1 : 0,
                                                account: client.account(of: bucket.name)), [bucket]))
                }
            }
        }
        self.eventQueues = queues
        self.client = client
        self.metrics = CloudWatchMetrics(client: client)
        self.configRefreshSeconds = configRefreshSeconds
        self.retryAfterFailureSeconds = retryAfterFailureSeconds
        self.clock = clock
        // Dials, controls and health every poll; Route 53's records and AWS Backup at most every
        // Defaults.routingRefreshSeconds (never slower than the configuration).
        let slow = min(configRefreshSeconds, Defaults.routingRefreshSeconds)
        self.routing = RoutingWatch(client: client, pollIntervalSeconds: pollIntervalSeconds, slowRefreshSeconds: slow)
        self.backups = BackupWatch(client: client, refreshSeconds: slow, retrySeconds: retryAfterFailureSeconds)
    }

    package func layout() async throws -> SourceLayout {
        await refreshConfiguration()
        return SourceLayout(kind: .aws, regions: regions, pairs: pairs)
    }

    package func estimatedMonthlyCostUSD() async -> Double? {
        client.estimatedMonthlyCostUSD(minimumSeconds: pollIntervalSeconds)
    }

    package func estimatedMonthlyCostByAccount() async -> [String: Double] {
        client.estimatedMonthlyCostByAccount(minimumSeconds: pollIntervalSeconds)
    }

    package func invalidateConfiguration() async {
        cache.withLock { $0.removeAll() }
        routing.invalidate()
        backups.invalidate()
    }

    /// Requests sent so far by API and region.
    package var requestCounts: [RequestCount] { client.requestCounts }

    var buckets: [Bucket] {
        var seen: Set<String> = []
        return pairs.flatMap { [$0.primary, $0.secondary] }.filter { seen.insert($0.name).inserted }
    }

    /// Re-reads the configuration of every bucket whose cached copy is too old, all at once.
    private func refreshConfiguration() async {
        let now = clock()
        let stale = cache.withLock { cache in
            buckets.filter { bucket in
                guard let entry = cache[bucket.name] else { return true }
                let limit = entry.problem == nil ? configRefreshSeconds : retryAfterFailureSeconds
                return now.timeIntervalSince(entry.fetchedAt) >= limit
            }
        }
        guard !stale.isEmpty else { return }
        await withTaskGroup(of: (String, BucketConfiguration).self) { group in
            // At most 32 buckets at a time: a fleet of thousands must not become thousands of requests (and tasks,
            // and memory) at once, nor a burst the API throttles.
            var pending = stale.makeIterator()
            for _ in 0..<32 {
                guard let bucket = pending.next() else { break }
                group.addTask { [self] in (bucket.name, await readConfiguration(bucket, at: now)) }
            }
            for await (name, entry) in group {
                if let bucket = pending.next() {
                    group.addTask { [self] in (bucket.name, await readConfiguration(bucket, at: now)) }
                }
                cache.withLock { cache in
                    var entry = entry
                    // A failed refresh keeps what was read before, with the problem.
                    if entry.problem != nil, let old = cache[name] {
                        entry.versioning = entry.versioning ?? old.versioning
                        entry.rules = entry.rules ?? old.rules
                        entry.role = entry.role ?? old.role
                    }
                    cache[name] = entry
                }
            }
        }
    }

    private func readConfiguration(_ bucket: Bucket, at now: Date) async -> BucketConfiguration {
        var entry = BucketConfiguration(versioning: nil, rules: nil, problem: nil, fetchedAt: now)
        do {
            // The bucket must live where the configuration says, or every other answer is about the wrong place.
            let location = try await client.s3(api: "GetBucketLocation", region: bucket.region, bucket: bucket.name,
                                               query: [("location", "")], what: "GetBucketLocation \(bucket.name)")
            let actual = S3Parsing.location(try XMLNode.parse(location.body, what: "GetBucketLocation"))
            // A store's own region name (a Ceph zonegroup's api name: "europe") differing from the name drtop
            // was given for its endpoint is not a wrong region: where the endpoint is not AWS's and the store does
            // not name its regions as AWS does, the configured name is drtop's label for that endpoint.
            let storeNamed = !client.endpoints.isAWS(.s3, region: bucket.region) && !RegionName.isValid(actual)
            if actual != bucket.region, !storeNamed {
                throw SourceProblem(.wrongRegion, "\(bucket.name) is in \(actual), not \(bucket.region) as configured")
            }
            let versioning = try await client.s3(api: "GetBucketVersioning", region: bucket.region, bucket: bucket.name,
                                                 query: [("versioning", "")], what: "GetBucketVersioning \(bucket.name)")
            entry.versioning = S3Parsing.versioning(try XMLNode.parse(versioning.body, what: "GetBucketVersioning"))
            let replication = try await client.s3(
                api: "GetBucketReplication", region: bucket.region, bucket: bucket.name, query: [("replication", "")],
                what: "GetBucketReplication \(bucket.name)", acceptStatus: [404])
            if replication.status == 404 {
                let xml = try? XMLNode.parse(replication.body, what: "GetBucketReplication")
                let code = xml?.string("Code") ?? ""
                if code == "ReplicationConfigurationNotFoundError" {
                    entry.rules = []
                } else {
                    throw AWSErrorMapping.problem(api: "GetBucketReplication", what: "GetBucketReplication \(bucket.name)",
                                                  response: replication)
                }
            } else {
                let xml = try XMLNode.parse(replication.body, what: "GetBucketReplication")
                entry.rules = S3Parsing.replicationRules(xml)
                entry.role = xml.string("Role").flatMap { $0.isEmpty ? nil : $0 }
            }
        } catch let problem as SourceProblem {
            entry.problem = problem
        } catch {
            entry.problem = SourceProblem(.other, "\(bucket.name): \(error)")
        }
        return entry
    }
}
