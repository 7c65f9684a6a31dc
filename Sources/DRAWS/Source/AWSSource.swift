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
    private let pairs: [PairSpec]
    private let regions: [String]
    let client: AWSClient
    let metrics: CloudWatchMetrics
    private let configRefreshSeconds: Double
    private let retryAfterFailureSeconds: Double
    let cache = Mutex<[String: BucketConfiguration]>([:])
    /// Regions whose metric history (`historySeconds`) has been read: later polls read the last 15 minutes.
    private let historyRead = Mutex<Set<String>>([])
    /// Seconds of CloudWatch history the first poll of a region reads, so that the sparkline, the trend and the
    /// chart mean something from the first frame (the same metrics, so the same cost: CloudWatch bills per
    /// metric requested, not per datapoint).
    static let historySeconds: Double = 3 * 3600
    private let clock: @Sendable () -> Date
    private let pollIntervalSeconds: Double
    /// Both directions of every pair, primary → secondary first.
    private let directions: [(source: Bucket, destination: Bucket)]
    private let tracker: ObjectTracker?
    private let canary: CanaryProber?
    /// Event queues by URL, with the buckets whose events they carry.
    private let eventQueues: [(queue: S3EventQueue, buckets: [Bucket])]

    /// Creates the source for `pairs`. Configuration is re-read every `configRefreshSeconds` (and after a
    /// failure, every `retryAfterFailureSeconds`).
    /// With `trackObjects`, each tick also finds recent versions of every source bucket and HEADs them until
    /// they leave PENDING (the drill-down's queue): by scanning, or from the SQS queue `eventQueues` names for
    /// the bucket (S3 event notifications; drtop deletes the messages it reads, so the queue must be its own).
    package init(pairs: [PairSpec], client: AWSClient, pollIntervalSeconds: Double = 2, configRefreshSeconds: Double = Defaults.configRefreshSeconds,
                retryAfterFailureSeconds: Double = 30, trackObjects: Bool = true, canaryEveryTicks: Int? = nil,
                eventQueues: [String: URL] = [:], clock: @escaping @Sendable () -> Date = { Date() }) {
        self.pollIntervalSeconds = pollIntervalSeconds
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
    }

    /// Requests sent so far by API and region.
    package var requestCounts: [RequestCount] { client.requestCounts }

    private var buckets: [Bucket] {
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

    package func poll(region: String, now: Date) async throws -> RegionReading {
        var reading = RegionReading()
        let local = Set(buckets.filter { $0.region == region }.map(\.name))
        let configuration = cache.withLock { cache -> [String: BucketConfiguration] in
            let copy = cache
            // A configuration problem is reported once, by the poll of its bucket's region.
            for key in cache.keys where local.contains(key) { cache[key]?.fresh = false }
            return copy
        }
        var regionProblems: [SourceProblem] = []
        for bucket in buckets where bucket.region == region {
            let entry = configuration[bucket.name]
            if let versioning = entry?.versioning { reading.versioning[bucket.name] = versioning }
            if let problem = entry?.problem, entry?.fresh == true { regionProblems.append(problem) }
        }

        // Which metrics this region holds: latency and backlog in the destination's region, failures in the source's.
        var queries: [MetricQuery] = []
        var directionQueries: [DirectionKey: [MetricQuery]] = [:]
        for (source, destination) in directions {
            let key = DirectionKey(source: source.name, destination: destination.name)
            var part = DirectionReading()
            let sourceEntry = configuration[source.name]
            let rules = sourceEntry?.rules?.filter { $0.destinationBucket == destination.name }
            if source.region == region {
                part.rules = rules
                part.replicationRole = sourceEntry?.role
                part.rulesProblem = rules == nil ? sourceEntry?.problem : nil
            }
            var wanted: [MetricQuery.Metric] = []
            if destination.region == region { wanted += [.latency, .bytesPending, .operationsPending] }
            if source.region == region { wanted.append(.operationsFailed) }
            for rule in (rules ?? []) where rule.enabled {
                for metric in wanted {
                    let query = MetricQuery(metric: metric, sourceBucket: source.name,
                                            destinationBucket: destination.name, ruleID: rule.id)
                    queries.append(query)
                    directionQueries[key, default: []].append(query)
                }
            }
            reading.directions[key] = part
        }

        // Nothing to ask CloudWatch and the configuration reads could not reach the region: the region is down.
        if queries.isEmpty, let unreachable = regionProblems.first(where: { $0.isUnreachable }) {
            throw unreachable
        }
        var results: [MetricQuery: [Sample]] = [:]
        var queryProblems: [MetricQuery: SourceProblem] = [:]
        var metricsProblem: SourceProblem?
        let started = ContinuousClock.now
        if !queries.isEmpty {
            do {
                // Per query: CloudWatch's StatusCode InternalError / Forbidden is that metric's problem, never
                // "no datapoints"; PartialData pages are followed.
                // Replication metrics live in the source bucket's account: one batch per account.
                let byAccount = Dictionary(grouping: queries) { client.account(of: $0.sourceBucket) ?? "" }
                let window = historyRead.withLock { $0.contains(region) } ? 900 : Self.historySeconds
                for account in byAccount.keys.sorted() {
                    let answer = try await metrics.fetchWithStatus(byAccount[account]!, region: region, now: now,
                                                                   window: window,
                                                                   account: account.isEmpty ? nil : account)
                    results.merge(answer.samples) { $0 + $1 }
                    queryProblems.merge(answer.problems) { first, _ in first }
                    regionProblems += answer.messages.map { SourceProblem(.other, "GetMetricData \(region): \($0)") }
                    if let first = answer.problems.values.sorted(by: { $0.message < $1.message }).first {
                        regionProblems.append(first)
                    }
                }
                historyRead.withLock { _ = $0.insert(region) }
            } catch let problem as SourceProblem {
                if problem.isUnreachable { throw problem }
                metricsProblem = problem
                regionProblems.append(problem)
            }
        }
        if !queries.isEmpty { reading.apiLatencyMs = (ContinuousClock.now - started).milliseconds }

        for (key, list) in directionQueries {
            var part = reading.directions[key] ?? DirectionReading()
            let rules = configuration[key.source]?.rules?.filter { $0.destinationBucket == key.destination && $0.enabled } ?? []
            fill(&part, list, results, rules: rules, problem: metricsProblem, queryProblems: queryProblems, now: now)
            reading.directions[key] = part
        }
        if let tracker {
            // Event queues of this region's buckets first: what they carry joins the followed objects.
            var eventBuckets: Set<String> = []
            var eventCoverage: [String: QueueCoverage] = [:]
            for (queue, watched) in eventQueues where queue.region == region {
                eventBuckets.formUnion(watched.map(\.name))
                do {
                    let batch = try await queue.drain()
                    for bucket in watched {
                        eventCoverage[bucket.name] = .events(read: batch.messages, unread: batch.unread)
                        let destinations = directions.filter { $0.source.name == bucket.name }.map(\.destination.name)
                        tracker.ingest(batch.events, source: bucket, rules: configuration[bucket.name]?.rules ?? [],
                                       destinations: destinations, now: now)
                    }
                    if batch.unreadable > 0 {
                        regionProblems.append(SourceProblem(.badResponse, "\(queue.url.lastPathComponent): \(batch.unreadable) "
                            + "message(s) were not S3 event notifications (is the queue drtop's own?)"))
                    }
                } catch let problem as SourceProblem {
                    if problem.isUnreachable { throw problem }
                    regionProblems.append(problem)
                }
            }
            for (source, destination) in directions where source.region == region {
                let key = DirectionKey(source: source.name, destination: destination.name)
                guard let rules = configuration[source.name]?.rules,
                      rules.contains(where: { $0.enabled && $0.destinationBucket == destination.name }) else { continue }
                let fromEvents = eventBuckets.contains(source.name)
                do {
                    let refresh = try await tracker.refresh(
                        source: source, destination: destination, rules: rules, now: now, scan: !fromEvents)
                    reading.directions[key]?.queue = refresh.objects
                    reading.directions[key]?.queueSource = fromEvents ? .events : .scan
                    reading.directions[key]?.queueCoverage = fromEvents ? eventCoverage[source.name] : refresh.coverage
                    reading.directions[key]?.queueProblem = refresh.problem
                    if let problem = refresh.problem { regionProblems.append(problem) }
                    if fromEvents {
                        reading.directions[key]?.failures = tracker.failuresByReason(key, now: now)
                        reading.directions[key]?.replicationTime = tracker.replicationTime(key, now: now)
                    }
                } catch let problem as SourceProblem {
                    if problem.isUnreachable { throw problem }
                    regionProblems.append(problem)
                }
            }
        }
        if let canary {
            let involved = directions.filter { $0.source.region == region || $0.destination.region == region }
                .map { (source: $0.source, destination: $0.destination, rules: configuration[$0.source.name]?.rules ?? []) }
            let lags = await canary.tick(region: region, directions: involved, now: now)
            let problems = canary.problems
            for direction in involved {
                let key = DirectionKey(source: direction.source.name, destination: direction.destination.name)
                if direction.destination.region == region, let lag = lags[key] {
                    reading.directions[key]?.canaryLagSeconds = lag
                }
                // Said once, by the source region's poll: why the canary could not be written or read back.
                if direction.source.region == region, let problem = problems[key] {
                    reading.directions[key]?.canaryProblem = problem
                }
            }
        }
        reading.problems = regionProblems
        reading.requests = client.requestCounts.filter { $0.region == region }
        reading.clockOffsetSeconds = ClockSkew.shared.offsetSeconds
        return reading
    }

    /// Puts the metric results of one direction into its reading.
    private func fill(_ part: inout DirectionReading, _ queries: [MetricQuery], _ results: [MetricQuery: [Sample]],
                      rules: [ReplicationRule], problem callProblem: SourceProblem?,
                      queryProblems: [MetricQuery: SourceProblem] = [:], now: Date) {
        // The call's problem, else the first query of the lag/backlog metrics CloudWatch could not answer.
        let backlog: Set<MetricQuery.Metric> = [.latency, .bytesPending, .operationsPending]
        let problem = callProblem ?? queries.lazy.filter { backlog.contains($0.metric) }.compactMap { queryProblems[$0] }.first
        let failedProblem = callProblem
            ?? queries.lazy.filter { $0.metric == .operationsFailed }.compactMap { queryProblems[$0] }.first
        func series(_ metric: MetricQuery.Metric, combine: ([Double]) -> Double) -> [Sample] {
            var byTime: [Date: [Double]] = [:]
            for query in queries where query.metric == metric {
                for sample in results[query] ?? [] { byTime[sample.time, default: []].append(sample.value) }
            }
            return byTime.keys.sorted().map { Sample(time: $0, value: combine(byTime[$0]!)) }
        }
        let has = { (metric: MetricQuery.Metric) in queries.contains { $0.metric == metric } }
        if has(.latency) {
            if let problem {
                part.metricsProblem = problem
            } else {
                let lag = series(.latency) { $0.max() ?? 0 }
                let ops = series(.operationsPending) { $0.reduce(0, +) }
                let bytes = series(.bytesPending) { $0.reduce(0, +) }
                part.lagSamples = lag
                part.pendingSamples = ops
                part.lagSeconds = lag.last?.value
                part.pendingOperations = ops.last.map { Int($0.value) }
                part.pendingBytes = bytes.last.map { Int64($0.value) }
                part.metricsAt = [lag.last?.time, ops.last?.time].compactMap { $0 }.max()
                if lag.isEmpty {
                    let disabled = rules.filter { !$0.metrics }.map(\.id)
                    part.metricsProblem = SourceProblem(.notFound, disabled.isEmpty
                        ? "no ReplicationLatency datapoints in 15 min"
                        : "replication metrics off on rule \(disabled.joined(separator: ", "))")
                }
            }
        }
        if has(.operationsFailed), failedProblem == nil {
            // Failures of the last 15 minutes, whatever the window read (the first poll reads hours of history).
            // (from the start of the minute 15 minutes ago, as a 15-minute window's first datapoint is).
            let since = Date(timeIntervalSince1970: ((now.timeIntervalSince1970 - 900) / 60).rounded(.down) * 60)
            let failed = series(.operationsFailed) { $0.reduce(0, +) }.filter { $0.time >= since }
            let total = Int(failed.reduce(0) { $0 + $1.value })
            if !failed.isEmpty || rules.allSatisfy(\.metrics) {
                // CloudWatch counts failures but gives no reasons; those come from the object queue.
                part.failedOperations = total
            }
        }
    }
}
