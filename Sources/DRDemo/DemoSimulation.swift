import DRCore
import Foundation

/// The demo's world, stepped one simulated second at a time. Deterministic: the state after a given second
/// depends only on the seed, the start time and the scenario changes.
struct DemoSimulation: Sendable {
    static let sampleEvery = 5
    static let samplesKept = 240
    static let failureWindow = 900

    let random: SeededRandom
    let profiles: [DemoPairProfile]
    private(set) var second: Int
    private(set) var scenario: DemoScenario = .steady
    /// directions[pair][0] is primary → secondary, [1] is back.
    private(set) var directions: [[DemoDirectionState]]

    /// Starts the world `warmup` seconds before `start`, steady, switches to `scenario` `lead` seconds before
    /// `start` (so a scenario chosen at launch is already under way), and steps it up to `start`.
    init(seed: UInt64, start: Date, warmup: Int = 900, scenario: DemoScenario = .steady, lead: Int = 300,
         profiles: [DemoPairProfile] = DemoCatalog.pairs) {
        self.random = SeededRandom(seed: seed)
        self.profiles = profiles
        let startSecond = Int(start.timeIntervalSince1970.rounded(.down))
        self.second = startSecond - warmup
        self.directions = profiles.map { _ in [DemoDirectionState(), DemoDirectionState()] }
        advance(to: startSecond - min(lead, warmup))
        self.scenario = scenario
        advance(to: startSecond)
    }

    /// Switches scenario from the current second on.
    mutating func set(_ scenario: DemoScenario) {
        self.scenario = scenario
    }

    /// Steps the world until `target` (seconds since 1970). Gaps over an hour are skipped, not simulated.
    mutating func advance(to target: Int) {
        if target - second > 3600 { second = target - 3600 }
        while second < target {
            second += 1
            for pairIndex in profiles.indices {
                if profiles[pairIndex].out != nil { step(pairIndex, 0) }
                if profiles[pairIndex].back != nil { step(pairIndex, 1) }
            }
        }
    }

    func profile(_ pairIndex: Int, _ side: Int) -> DemoDirectionProfile? {
        side == 0 ? profiles[pairIndex].out : profiles[pairIndex].back
    }

    func sourceRegion(_ pairIndex: Int, _ side: Int) -> String {
        side == 0 ? profiles[pairIndex].primary.region : profiles[pairIndex].secondary.region
    }

    func destinationRegion(_ pairIndex: Int, _ side: Int) -> String {
        side == 0 ? profiles[pairIndex].secondary.region : profiles[pairIndex].primary.region
    }

    /// True when `region` is down in the current scenario.
    func isDown(_ region: String) -> Bool {
        scenario == .regionOutage && region == DemoCatalog.west
    }

    private mutating func step(_ pairIndex: Int, _ side: Int) {
        guard let profile = profile(pairIndex, side) else { return }
        let source = sourceRegion(pairIndex, side)
        let destination = destinationRegion(pairIndex, side)
        let id = pairIndex * 2 + side
        var state = directions[pairIndex][side]
        let now = second

        // Arrivals: bursty, jittered; none when the source region is down; many more in a surge.
        let phase = Int(random.bits([id, -1]) % UInt64(max(1, profile.burstEvery)))
        let inBurst = profile.burstLength > 0 && (now + phase) % profile.burstEvery < profile.burstLength
        var rate = profile.rate * (inBurst ? profile.burstFactor : 1)
        if isDown(source) { rate = 0 }
        if scenario == .backlogSurge, source == DemoCatalog.east { rate *= 8 }
        let arrivals = Int(rate * (0.75 + 0.5 * random.unit(id, now, 1)) + random.unit(id, now, 2))
        if arrivals > 0 {
            let size = Int64(profile.meanSize * (0.5 + random.unit(id, now, 3)))
            state.batches.append(.init(second: now, count: arrivals, size: size))
            state.pendingOps += arrivals
            state.pendingBytes += size * Int64(arrivals)
            state.written += arrivals
        }

        // Service: throughput jittered; nothing moves into or out of a region that is down.
        var capacity = profile.capacity * (0.85 + 0.3 * random.unit(id, now, 4))
        if isDown(source) || isDown(destination) { capacity = 0 }
        if scenario == .backlogSurge, source == DemoCatalog.east { capacity *= 0.7 }
        var budget = Int(capacity + random.unit(id, now, 5))
        var served = 0
        var newestServed: (second: Int, size: Int64)?
        while budget > 0, state.head < state.batches.count {
            let take = min(budget, state.batches[state.head].remaining)
            state.batches[state.head].served += take
            state.pendingOps -= take
            state.pendingBytes -= state.batches[state.head].size * Int64(take)
            served += take
            budget -= take
            newestServed = (state.batches[state.head].second, state.batches[state.head].size)
            if state.batches[state.head].remaining == 0 { state.head += 1 }
        }
        state.compact()

        // Failures among the served objects.
        var share = 0.0
        var reason = profile.failureReason
        if profile.failureEvery > 0, (now + id * 97) % profile.failureEvery < profile.failureLength {
            share = profile.failureShare
        }
        if scenario == .permissionFailure, source == DemoCatalog.east {
            share = 1
            reason = "DstPutObjectNotPermitted"
        }
        let failed = min(served, Int(Double(served) * share + random.unit(id, now, 6)))
        if failed > 0, share > 0 {
            state.failures.append(.init(second: now, count: failed, reason: reason))
            let written = newestServed?.second ?? now
            for index in 0..<min(failed, 3) {
                state.failedObjects.append(DemoObjects.object(
                    random: random, profile: profile, direction: id, second: written, index: 10_000 + index,
                    status: .failed, reason: reason, size: newestServed?.size ?? Int64(profile.meanSize)))
            }
        }
        state.expireFailures(before: now - Self.failureWindow)

        // Lag: the age of the oldest waiting object plus the transfer time.
        let transfer = profile.baseLatency * (0.7 + 0.6 * random.unit(id, now, 7))
        if state.head < state.batches.count {
            state.lag = Double(now - state.batches[state.head].second) + transfer
        } else if served > 0 || state.lag == 0 {
            state.lag = transfer
        }
        if now % Self.sampleEvery == 0 {
            let time = Date(timeIntervalSince1970: TimeInterval(now))
            if !isDown(destination) {
                state.lagSamples.append(Sample(time: time, value: state.lag))
                state.pendingSamples.append(Sample(time: time, value: Double(state.pendingOps)))
            }
            state.trimSamples(keep: Self.samplesKept)
        }
        directions[pairIndex][side] = state
    }
}
