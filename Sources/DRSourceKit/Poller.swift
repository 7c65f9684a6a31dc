import DRCore
import Foundation
import Synchronization

/// Polls every region of a source concurrently at a fixed interval (and at once on demand) and publishes
/// immutable snapshots. A region that fails or does not answer within the timeout becomes that region's state
/// in the snapshot; the poller never stops, never throws, and never waits on a hung region beyond the timeout:
/// a region poll still running from an earlier tick is not started again — the new tick waits for that one
/// (within its own timeout) instead. A region whose poll fails once keeps its last answer's values (with
/// their age) and is shown retrying; it is down after two failed polls in a row or a refused connection.
package final class Poller: Sendable {
    private struct State {
        var refreshRequested = false
        var stopped = false
        var inFlight: [String: Task<RegionOutcome, Never>] = [:]
        /// The wait for the next tick, cancelled by `refreshNow` and `stop`.
        var sleeper: Task<Void, Never>?
    }

    private let source: any ReplicationSource
    private let intervalSeconds: Double
    private let timeoutSeconds: Double
    private let clock: @Sendable () -> Date
    private let state = Mutex(State())

    /// Creates a poller of `source` every `intervalSeconds`, giving each region `timeoutSeconds` to answer.
    package init(
        source: any ReplicationSource, intervalSeconds: Double, timeoutSeconds: Double? = nil,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.source = source
        self.intervalSeconds = max(0.1, intervalSeconds)
        // Two refreshes, from 2 to 30 s: room for a request that times out and its retry (requests time out
        // after one refresh by default), without letting a hung region hold a tick for long.
        self.timeoutSeconds = timeoutSeconds ?? max(2, min(30, intervalSeconds * 2))
        self.clock = clock
    }

    /// Starts polling and returns the stream of snapshots: a placeholder at once, then one per poll.
    /// Only the newest snapshot is buffered: a slow reader skips stale ones.
    package func start() -> AsyncStream<Snapshot> {
        let (stream, continuation) = AsyncStream.makeStream(of: Snapshot.self, bufferingPolicy: .bufferingNewest(1))
        let task = Task.detached { [self] in
            await run(continuation)
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// Polls again now instead of at the next interval; configuration is re-read too.
    package func refreshNow() {
        state.withLock { $0.refreshRequested = true; $0.sleeper?.cancel() }
    }

    /// Stops polling; the stream finishes.
    package func stop() {
        state.withLock { $0.stopped = true; $0.sleeper?.cancel() }
    }

    private var isStopped: Bool { state.withLock { $0.stopped } || Task.isCancelled }

    private func run(_ continuation: AsyncStream<Snapshot>.Continuation) async {
        var previous: Snapshot?
        var lastReadings: [String: RegionReading] = [:]
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
                var failed = previous ?? Snapshot(takenAt: started, source: source.kind, regions: [], pairs: [])
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
                pollDurationSeconds: finished.timeIntervalSince(started), lastReadings: lastReadings)
            for (region, outcome) in outcomes {
                if case .answered(let reading, _) = outcome { lastReadings[region] = reading }
            }
            snapshot.estimatedMonthlyCostUSD = await source.estimatedMonthlyCostUSD()
            snapshot.costByAccount = await source.estimatedMonthlyCostByAccount()
            continuation.yield(snapshot)
            previous = snapshot
            // A first look leaves the history and the queue to the next poll: that one goes out now.
            if await source.pollsAgainAtOnce() { continue }
            await waitForNextTick(from: started)
        }
    }

    /// Sleeps until the next tick is due, waking at once for `refreshNow`, `stop` or cancellation: no
    /// wake-ups in between but one every 5 seconds (the clock is read again after each, so a clock that jumps
    /// holds a tick back by 5 seconds at most).
    private func waitForNextTick(from started: Date) async {
        let due = started.addingTimeInterval(intervalSeconds)
        while !isStopped {
            let remaining = due.timeIntervalSince(clock())
            guard remaining > 0 else { return }
            let sleeper = Task<Void, Never> { try? await Task.sleep(for: .seconds(min(5, remaining))) }
            let woken = state.withLock { state -> Bool in
                guard !state.refreshRequested, !state.stopped else { return true }
                state.sleeper = sleeper
                return false
            }
            if woken { sleeper.cancel() }
            await withTaskCancellationHandler { await sleeper.value } onCancel: { sleeper.cancel() }
            state.withLock { $0.sleeper = nil }
            if woken || state.withLock({ $0.refreshRequested || $0.stopped }) { return }
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

    /// Polls `region`, answering after at most the timeout even if the request never returns. A poll of the
    /// region still running from an earlier tick is waited for rather than started again.
    private func pollWithDeadline(_ region: String) async -> RegionOutcome {
        let (work, joined) = state.withLock { current -> (Task<RegionOutcome, Never>, Bool) in
            if let running = current.inFlight[region] { return (running, true) }
            let task = Task.detached { [self] in
                let outcome = await pollOnce(region)
                state.withLock { _ = $0.inFlight.removeValue(forKey: region) }
                return outcome
            }
            current.inFlight[region] = task
            return (task, false)
        }
        let timeout = timeoutSeconds
        return await withCheckedContinuation { continuation in
            let once = OneShot(continuation)
            Task.detached { once.resume(await work.value) }
            Task.detached {
                try? await Task.sleep(for: .seconds(timeout))
                let seconds = timeout == timeout.rounded() ? "\(Int(timeout))" : "\(timeout)"
                let waiting = joined ? " (a poll from an earlier tick is still waiting)" : ""
                once.resume(.failed(SourceProblem(.timeout, "no answer within \(seconds) s\(waiting)")))
            }
        }
    }

    /// One poll of `region`, however long it takes (requests have their own timeouts).
    private func pollOnce(_ region: String) async -> RegionOutcome {
        let started = ContinuousClock.now
        do {
            let reading = try await source.poll(region: region, now: clock())
            return .answered(reading, elapsedMs: (ContinuousClock.now - started).milliseconds)
        } catch let problem as SourceProblem {
            return .failed(problem)
        } catch {
            return .failed(SourceProblem(.other, "\(error)"))
        }
    }
}
