import DRCore
import Foundation

extension AWSSource {
    /// The period of the samples drtop asks CloudWatch for over `seconds`: one minute up to six hours, five above
    /// (288 points a day: more than a chart has columns; CloudWatch keeps one-minute data for 15 days).
    static func historyPeriod(forSeconds seconds: Double) -> Int {
        seconds <= 6 * 3600 ? 60 : 300
    }

    /// ReplicationLatency (Maximum) of the direction's enabled rules over the window, from the destination
    /// region's CloudWatch, signed for the source bucket's account — the same metric the polls read, at a
    /// coarser period; the worst rule's lag at each time.
    package func lagHistory(_ request: LagHistoryRequest, now: Date) async -> LagHistory {
        let period = Self.historyPeriod(forSeconds: request.seconds)
        let origin = "CloudWatch ReplicationLatency, \(period / 60)-min maximum"
        func answer(_ samples: [Sample] = [], problem: SourceProblem? = nil) -> LagHistory {
            LagHistory(request: request, samples: samples, periodSeconds: samples.isEmpty ? nil : period,
                       origin: origin, problem: problem, readAt: now)
        }
        let entry = cache.withLock { $0[request.source.name] }
        guard let rules = entry?.rules else {
            return answer(problem: entry?.problem
                ?? SourceProblem(.notFound, "the replication rules of \(request.source.name) are not read yet"))
        }
        let enabled = rules.filter { $0.enabled && $0.destinationBucket == request.destination.name }
        guard !enabled.isEmpty else {
            return answer(problem: SourceProblem(.notFound, "no enabled rule replicates \(request.source.name) "
                + "to \(request.destination.name)"))
        }
        let queries = enabled.map {
            MetricQuery(metric: .latency, sourceBucket: request.source.name,
                        destinationBucket: request.destination.name, ruleID: $0.id)
        }
        do {
            let results = try await metrics.fetchWithStatus(
                queries, region: request.destination.region, now: now, window: request.seconds, period: period,
                account: client.account(of: request.source.name))
            var worst: [Date: Double] = [:]
            for query in queries {
                for sample in results.samples[query] ?? [] { worst[sample.time] = max(worst[sample.time] ?? 0, sample.value) }
            }
            let samples = worst.keys.sorted().map { Sample(time: $0, value: worst[$0]!) }
            // A rule CloudWatch could not answer makes the window partial: said, with the samples of the others.
            let problem = queries.lazy.compactMap { results.problems[$0] }.first
                ?? (samples.isEmpty ? SourceProblem(.notFound, "no ReplicationLatency datapoints in the window") : nil)
            return answer(samples, problem: problem)
        } catch let problem as SourceProblem {
            return answer(problem: problem)
        } catch {
            return answer(problem: SourceProblem(.other, "\(error)"))
        }
    }
}
