import DRCore
import DRSourceKit
import DRWire
import Foundation

/// The poll of one region, as a pipeline of small steps over a `RegionPoll`: the configuration the cache holds,
/// the metric queries it implies, the metrics, the object queue, the canary, and the reading's last touches;
/// beside them, the routing and backups of the region's pairs (AWSSource+Routing).
/// Each step adds to the reading and its problems; `RegionPoll.absorb` says which problem fails the region.
extension AWSSource {
    /// Once after a first look was polled (`firstLookFirst`): the poll that reads the history and the queue is
    /// wanted now, not at the next tick.
    package func pollsAgainAtOnce() async -> Bool {
        followUpDue.withLock { due in
            defer { due = false }
            return due
        }
    }

    package func poll(region: String, now: Date) async throws -> RegionReading {
        // Traffic and backups are read beside the rest of the poll, each waited on at most a request timeout.
        async let traffic = readTraffic(region: region, now: now)
        async let backedUp = readBackups(region: region, now: now)
        var poll = startPoll(region: region, now: now)
        let plan = planMetrics(&poll)
        // Nothing to ask CloudWatch and the configuration reads could not reach the region: the region is down.
        try poll.requireReachable(nothingToAsk: plan.queries.isEmpty)
        try await readMetrics(&poll, plan)
        try await trackObjects(&poll)
        await runCanary(&poll)
        poll.reading.traffic = await traffic
        poll.reading.backups = await backedUp
        return finish(poll)
    }

    /// The cached configuration of every bucket, the versioning of this region's buckets, and the configuration
    /// problems this region reports (each once, by the poll of its bucket's region).
    func startPoll(region: String, now: Date) -> RegionPoll {
        let local = Set(buckets.filter { $0.region == region }.map(\.name))
        let configuration = cache.withLock { cache -> [String: BucketConfiguration] in
            let copy = cache
            // A configuration problem is reported once, by the poll of its bucket's region.
            // Only entries still fresh are written: the copy handed out stays shared with the cache otherwise
            // (writing every entry each poll copied the whole cache, 10,000 buckets and more, every time).
            for key in cache.keys where local.contains(key) && cache[key]?.fresh == true { cache[key]?.fresh = false }
            return copy
        }
        var poll = RegionPoll(region: region, now: now, configuration: configuration)
        poll.isFirstLook = firstLookFirst && !firstLooked.withLock { $0.contains(region) }
        for bucket in buckets where bucket.region == region {
            let entry = configuration[bucket.name]
            if let versioning = entry?.versioning { poll.reading.versioning[bucket.name] = versioning }
            if let problem = entry?.problem, entry?.fresh == true { poll.problems.append(problem) }
        }
        return poll
    }

    /// Each direction's rules (in its source's region) and the metrics this region holds of it: latency and
    /// backlog in the destination's region, failures in the source's.
    func planMetrics(_ poll: inout RegionPoll) -> MetricPlan {
        var plan = MetricPlan()
        let region = poll.region
        // Room for every direction at once: growing a dictionary of readings doubles it, the old and the new table
        // alive together (40 MB at 10,000 pairs, two regions at a time).
        poll.reading.directions.reserveCapacity(poll.reading.directions.count + directions.count)
        for (source, destination) in directions {
            let key = DirectionKey(source: source.name, destination: destination.name)
            var part = DirectionReading()
            let sourceEntry = poll.configuration[source.name]
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
                    plan.queries.append(query)
                    plan.byDirection[key, default: []].append(query)
                }
            }
            poll.reading.directions[key] = part
        }
        return plan
    }

    /// The planned metrics (one GetMetricData batch per account), put into each direction's reading.
    func readMetrics(_ poll: inout RegionPoll, _ plan: MetricPlan) async throws {
        let region = poll.region
        let now = poll.now
        let queries = plan.queries
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
                let window = poll.isFirstLook || historyRead.withLock({ $0.contains(region) })
                    ? Self.pollWindowSeconds : firstPollSeconds
                for account in byAccount.keys.sorted() {
                    let answer = try await metrics.fetchWithStatus(byAccount[account]!, region: region, now: now,
                                                                   window: window,
                                                                   account: account.isEmpty ? nil : account)
                    results.merge(answer.samples) { $0 + $1 }
                    queryProblems.merge(answer.problems) { first, _ in first }
                    poll.problems += answer.messages.map { SourceProblem(.other, "GetMetricData \(region): \($0)") }
                    if let first = answer.problems.values.sorted(by: { $0.message < $1.message }).first {
                        poll.problems.append(first)
                    }
                }
                if !poll.isFirstLook { historyRead.withLock { _ = $0.insert(region) } }
            } catch let problem as SourceProblem {
                try poll.absorb(problem)
                metricsProblem = problem
            }
        }
        if !queries.isEmpty { poll.reading.apiLatencyMs = (ContinuousClock.now - started).milliseconds }

        for (key, list) in plan.byDirection {
            var part = poll.reading.directions[key] ?? DirectionReading()
            let rules = poll.configuration[key.source]?.rules?
                .filter { $0.destinationBucket == key.destination && $0.enabled } ?? []
            fill(&part, list, results, rules: rules, problem: metricsProblem, queryProblems: queryProblems, now: now)
            poll.reading.directions[key] = part
        }
    }

    /// The object queue: this region's event queues first (what they carry joins the followed objects), then
    /// each direction from this region refreshed (by scanning where no queue carries its events).
    func trackObjects(_ poll: inout RegionPoll) async throws {
        guard let tracker else { return }
        let region = poll.region
        let now = poll.now
        let configuration = poll.configuration
        let eventBuckets = eventBuckets(in: region)
        let followed = replicatedDirections(from: region, configuration)
        if poll.isFirstLook {
            // Left to the poll right after the first look, and said so: not read is not empty.
            for (source, destination, _) in followed {
                let key = DirectionKey(source: source.name, destination: destination.name)
                poll.reading.directions[key]?.queue = []
                poll.reading.directions[key]?.queueSource = eventBuckets.contains(source.name) ? .events : .scan
                poll.reading.directions[key]?.queueCoverage = .notStarted
            }
            return
        }
        var eventCoverage: [String: QueueCoverage] = [:]
        for (queue, watched) in eventQueues where queue.region == region {
            do {
                let batch = try await queue.drain()
                for bucket in watched {
                    eventCoverage[bucket.name] = .events(read: batch.messages, unread: batch.unread)
                    let destinations = directions.filter { $0.source.name == bucket.name }.map(\.destination.name)
                    tracker.ingest(batch.events, source: bucket, rules: configuration[bucket.name]?.rules ?? [],
                                   destinations: destinations, now: now)
                }
                if batch.unreadable > 0 {
                    poll.problems.append(SourceProblem(.badResponse, "\(queue.url.lastPathComponent): \(batch.unreadable) "
                        + "message(s) were not S3 event notifications (is the queue drtop's own?)"))
                }
            } catch let problem as SourceProblem {
                try poll.absorb(problem)
            }
        }
        for (source, destination, rules) in followed {
            let key = DirectionKey(source: source.name, destination: destination.name)
            let fromEvents = eventBuckets.contains(source.name)
            do {
                let refresh = try await tracker.refresh(
                    source: source, destination: destination, rules: rules, now: now, scan: !fromEvents)
                poll.reading.directions[key]?.queue = refresh.objects
                poll.reading.directions[key]?.queueSource = fromEvents ? .events : .scan
                poll.reading.directions[key]?.queueCoverage = fromEvents ? eventCoverage[source.name] : refresh.coverage
                poll.reading.directions[key]?.queueProblem = refresh.problem
                if let problem = refresh.problem { poll.problems.append(problem) }
                if fromEvents {
                    poll.reading.directions[key]?.failures = tracker.failuresByReason(key, now: now)
                    poll.reading.directions[key]?.replicationTime = tracker.replicationTime(key, now: now)
                }
            } catch let problem as SourceProblem {
                try poll.absorb(problem)
            }
        }
    }

    /// The directions from `region` that an enabled rule replicates (the ones whose objects are followed), with
    /// their source's rules.
    private func replicatedDirections(from region: String, _ configuration: [String: BucketConfiguration])
        -> [(source: Bucket, destination: Bucket, rules: [ReplicationRule])] {
        directions.compactMap { source, destination in
            guard source.region == region, let rules = configuration[source.name]?.rules,
                  rules.contains(where: { $0.enabled && $0.destinationBucket == destination.name }) else { return nil }
            return (source, destination, rules)
        }
    }

    /// The buckets whose S3 events this region's queues carry (their queue comes from events, not a scan).
    private func eventBuckets(in region: String) -> Set<String> {
        Set(eventQueues.filter { $0.queue.region == region }.flatMap { $0.buckets.map(\.name) })
    }

    /// The canary's lag (`--canary`): measured in the destination's region, its problem said by the source's.
    func runCanary(_ poll: inout RegionPoll) async {
        guard let canary else { return }
        let region = poll.region
        let configuration = poll.configuration
        let involved = directions.filter { $0.source.region == region || $0.destination.region == region }
            .map { (source: $0.source, destination: $0.destination, rules: configuration[$0.source.name]?.rules ?? []) }
        let lags = await canary.tick(region: region, directions: involved, now: poll.now)
        let problems = canary.problems
        for direction in involved {
            let key = DirectionKey(source: direction.source.name, destination: direction.destination.name)
            if direction.destination.region == region, let lag = lags[key] {
                poll.reading.directions[key]?.canaryLagSeconds = lag
            }
            // Said once, by the source region's poll: why the canary could not be written or read back.
            if direction.source.region == region, let problem = problems[key] {
                poll.reading.directions[key]?.canaryProblem = problem
            }
        }
    }

    /// The reading with the region's problems, its requests and the clock's offset.
    func finish(_ poll: RegionPoll) -> RegionReading {
        if poll.isFirstLook {
            // The poll right after is asked for once every region has had its first look: a region that failed its
            // first look is not polled again at once (two failures in a row would make it down within a second).
            let everyRegion = firstLooked.withLock { looked in
                looked.insert(poll.region)
                return looked.isSuperset(of: regions)
            }
            if everyRegion { followUpDue.withLock { $0 = true } }
        }
        var reading = poll.reading
        reading.problems = poll.problems
        reading.requests = client.requestCounts.filter { $0.region == poll.region }
        reading.clockOffsetSeconds = ClockSkew.shared.offsetSeconds
        return reading
    }

    /// Puts the metric results of one direction into its reading.
    func fill(_ part: inout DirectionReading, _ queries: [MetricQuery], _ results: [MetricQuery: [Sample]],
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
            // Failures of the last 15 minutes, whatever the window read (one poll reads hours of history).
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
