import DRCore
import DRSourceKit
import Foundation
import Testing

@Suite struct PollerTests {
    /// Collects snapshots until `condition` holds or `seconds` pass.
    private func collect(
        _ stream: AsyncStream<Snapshot>, seconds: Double, until condition: @escaping @Sendable ([Snapshot]) -> Bool
    ) async -> [Snapshot] {
        await withTaskGroup(of: [Snapshot]?.self) { group in
            group.addTask {
                var seen: [Snapshot] = []
                for await snapshot in stream {
                    seen.append(snapshot)
                    if condition(seen) { break }
                }
                return seen
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(seconds))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? []
        }
    }

    @Test func publishesAPlaceholderThenPolls() async {
        let source = ScriptedSource([:])
        let poller = Poller(source: source, intervalSeconds: 0.2)
        let seen = await collect(poller.start(), seconds: 5) { $0.count >= 3 }
        poller.stop()
        #expect(seen.count >= 3)
        #expect(seen[0].sequence == 0)
        #expect(seen[0].regions.allSatisfy { $0.reachability == .unknown })
        let polled = seen[2]
        #expect(polled.regions.allSatisfy { $0.reachability == .up })
        #expect(polled.pairs[0].fromPrimary.lagSeconds == 42)
        #expect(polled.pairs[0].fromPrimary.rules?.first?.id == "r1")
        #expect(polled.pairs[0].primary.versioning == .enabled)
        #expect(polled.pairs[0].fromPrimary.lagHistory.samples.count >= 1)
    }

    @Test func aFailingRegionIsDataAndTheOtherKeepsUpdating() async {
        let source = ScriptedSource(["r-west": .fail(SourceProblem(.unreachable, "connection refused"))])
        let poller = Poller(source: source, intervalSeconds: 0.2)
        let seen = await collect(poller.start(), seconds: 5) { $0.count >= 3 }
        poller.stop()
        let last = try! #require(seen.last)
        #expect(last.region("r-east")?.reachability == .up)
        #expect(last.region("r-west")?.reachability == .down)
        #expect(last.region("r-west")?.problem?.message == "connection refused")
        #expect((last.region("r-west")?.consecutiveFailures ?? 0) >= 2)
        // Metrics the failed region would have supplied are unknown, with the reason.
        #expect(last.pairs[0].fromPrimary.lagSeconds == nil)
        #expect(last.pairs[0].fromPrimary.metricsProblem?.message.contains("r-west") == true)
        // What the healthy region supplies is still there.
        #expect(last.pairs[0].fromPrimary.rules?.count == 1)
    }

    @Test func aHungRegionTimesOutWithoutStallingThePoller() async {
        let source = ScriptedSource(["r-west": .hang])
        let poller = Poller(source: source, intervalSeconds: 0.2, timeoutSeconds: 0.5)
        let started = Date()
        let seen = await collect(poller.start(), seconds: 8) { $0.count >= 5 }
        poller.stop()
        #expect(seen.count >= 5, "the poller kept publishing")
        #expect(Date().timeIntervalSince(started) < 6)
        let last = try! #require(seen.last)
        #expect(last.region("r-west")?.reachability == .down)
        #expect(last.region("r-west")?.problem?.kind == .timeout)
        #expect(last.region("r-east")?.reachability == .up)
        // A request still hanging is not sent again.
        #expect(source.pollCount("r-west") == 1)
    }

    @Test func recoversWhenTheRegionComesBack() async {
        let source = ScriptedSource(["r-west": .fail(SourceProblem(.throttled, "SlowDown"))])
        let poller = Poller(source: source, intervalSeconds: 0.2)
        let stream = poller.start()
        let failing = await collect(stream, seconds: 5) { $0.last?.region("r-west")?.reachability == .degraded }
        #expect(failing.last?.region("r-west")?.reachability == .degraded)
        source.set("r-west", .answer)
        let back = await collect(stream, seconds: 5) { $0.last?.region("r-west")?.reachability == .up }
        poller.stop()
        let last = try! #require(back.last)
        #expect(last.region("r-west")?.reachability == .up)
        #expect(last.region("r-west")?.errorCount ?? 0 >= 1)
        #expect(last.pairs[0].fromPrimary.lagSeconds == 42)
    }

    @Test func refreshNowPollsAtOnceAndRereadsConfiguration() async {
        let source = ScriptedSource([:])
        let poller = Poller(source: source, intervalSeconds: 60)
        let stream = poller.start()
        _ = await collect(stream, seconds: 5) { $0.contains { $0.sequence == 1 } }
        let started = Date()
        poller.refreshNow()
        let after = await collect(stream, seconds: 5) { $0.contains { $0.sequence == 2 } }
        poller.stop()
        #expect(after.contains { $0.sequence == 2 })
        #expect(Date().timeIntervalSince(started) < 3)
        #expect(source.invalidationCount == 1)
    }

    /// A first look leaves the history and the queue to the next poll: the poller sends it at once, not after
    /// the interval, and only as often as the source asks.
    @Test func aPollThatLeavesSomethingIsFollowedAtOnce() async {
        let source = ScriptedSource([:])
        source.askAgainAtOnce(1)
        let started = Date()
        let poller = Poller(source: source, intervalSeconds: 60)
        let stream = poller.start()
        let seen = await collect(stream, seconds: 5) { $0.contains { $0.sequence == 2 } }
        #expect(seen.contains { $0.sequence == 2 })
        #expect(Date().timeIntervalSince(started) < 3)
        // Asked once: the third poll waits for the interval.
        let later = await collect(stream, seconds: 1.5) { $0.contains { $0.sequence == 3 } }
        poller.stop()
        #expect(!later.contains { $0.sequence == 3 })
        #expect(source.pollCount("r-east") == 2)
    }
}
