import DRCore
import Foundation
import Synchronization

/// Polls every region of a source concurrently at a fixed interval (and at once on demand) and publishes
/// immutable snapshots. A region that fails or does not answer within the timeout becomes that region's state
/// in the snapshot; the poller never stops, never throws, and never waits on a hung region: a request still
/// running from an earlier poll is not sent again, and its region is reported as not answering.
public final class Poller: Sendable {
    private struct State {
        var refreshRequested = false
        var stopped = false
        var inFlight: Set<String> = []
    }

    private let source: any ReplicationSource
    private let intervalSeconds: Double
    private let timeoutSeconds: Double
    private let clock: @Sendable () -> Date
    private let state = Mutex(State())

    /// Creates a poller of `source` every `intervalSeconds`, giving each region `timeoutSeconds` to answer.
    public init(
        source: any ReplicationSource, intervalSeconds: Double, timeoutSeconds: Double? = nil,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.source = source
        self.intervalSeconds = max(0.1, intervalSeconds)
        self.timeoutSeconds = timeoutSeconds ?? max(1, min(10, intervalSeconds * 2))
        self.clock = clock
    }

    /// Starts polling and returns the stream of snapshots: a placeholder at once, then one per poll.
    /// Only the newest snapshot is buffered: a slow reader skips stale ones.
    public func start() -> AsyncStream<Snapshot> {
        let (stream, continuation) = AsyncStream.makeStream(of: Snapshot.self, bufferingPolicy: .bufferingNewest(1))
        let task = Task.detached { [self] in
            await run(continuation)
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// Polls again now instead of at the next interval; configuration is re-read too.
    public func refreshNow() {
        state.withLock { $0.refreshRequested = true }
    }

    /// Stops polling; the stream finishes.
    public func stop() {
        state.withLock { $0.stopped = true }
    }

    private var isStopped: Bool { state.withLock { $0.stopped } || Task.isCancelled }

    private func run(_ continuation: AsyncStream<Snapshot>.Continuation) async {
        var previous: Snapshot?
        var sequence = 0
        while !isStopped {
            if state.withLock({ state in defer { state.refreshRequested = false }; return state.refreshRequested }) {
                await source.invalidateConfiguration()
            }
            let started = clock()
            let layout: SourceLayout
            do {
                layout = try await source.layout()
            } catch {
                let problem = error as? SourceProblem ?? SourceProblem(.other, "\(error)")
                var failed = previous ?? Snapshot(takenAt: started, source: .aws, regions: [], pairs: [])
                failed.progress = PollProgress(activity: "cannot list what to watch: \(problem.message)", done: 0)
                continuation.yield(failed)
                await waitForNextTick(from: started)
                continue
            }
            if previous == nil {
                let placeholder = SnapshotAssembler.assemble(
                    layout: layout, outcomes: [:], previous: nil, now: started, sequence: 0,
                    pollDurationSeconds: nil)
                var first = placeholder
                first.regions = layout.regions.map { RegionStatus(name: $0) }
                first.progress = layout.progress ?? PollProgress(activity: "first poll", done: 0,
                                                                total: layout.regions.count)
                continuation.yield(first)
            }
            let outcomes = await pollRegions(layout.regions)
            let finished = clock()
            sequence += 1
            var snapshot = SnapshotAssembler.assemble(
                layout: layout, outcomes: outcomes, previous: previous, now: finished, sequence: sequence,
                pollDurationSeconds: finished.timeIntervalSince(started))
            snapshot.estimatedMonthlyCostUSD = await source.estimatedMonthlyCostUSD()
            continuation.yield(snapshot)
            previous = snapshot
            await waitForNextTick(from: started)
        }
    }

    private func waitForNextTick(from started: Date) async {
        let due = started.addingTimeInterval(intervalSeconds)
        while !isStopped, clock() < due {
            if state.withLock({ $0.refreshRequested }) { return }
            try? await Task.sleep(for: .milliseconds(25))
        }
    }

    private func pollRegions(_ regions: [String]) async -> [String: RegionOutcome] {
        await withTaskGroup(of: (String, RegionOutcome).self) { group in
            for region in regions {
                group.addTask { [self] in (region, await pollWithDeadline(region)) }
            }
            var outcomes: [String: RegionOutcome] = [:]
            for await (region, outcome) in group { outcomes[region] = outcome }
            return outcomes
        }
    }

    /// Polls `region`, answering after at most the timeout even if the request never returns.
    private func pollWithDeadline(_ region: String) async -> RegionOutcome {
        let busy = state.withLock { state -> Bool in
            if state.inFlight.contains(region) { return true }
            state.inFlight.insert(region)
            return false
        }
        if busy {
            return .failed(SourceProblem(.timeout, "no answer (earlier request still waiting)"))
        }
        let timeout = timeoutSeconds
        return await withCheckedContinuation { continuation in
            let once = OneShot(continuation)
            let work = Task.detached { [self] in
                let started = ContinuousClock.now
                let outcome: RegionOutcome
                do {
                    let reading = try await source.poll(region: region, now: clock())
                    outcome = .answered(reading, elapsedMs: (ContinuousClock.now - started).milliseconds)
                } catch let problem as SourceProblem {
                    outcome = .failed(problem)
                } catch {
                    outcome = .failed(SourceProblem(.other, "\(error)"))
                }
                state.withLock { _ = $0.inFlight.remove(region) }
                once.resume(outcome)
            }
            Task.detached {
                try? await Task.sleep(for: .seconds(timeout))
                let seconds = timeout == timeout.rounded() ? "\(Int(timeout))" : "\(timeout)"
                once.resume(.failed(SourceProblem(.timeout, "no answer within \(seconds) s")))
                work.cancel()
            }
        }
    }
}
