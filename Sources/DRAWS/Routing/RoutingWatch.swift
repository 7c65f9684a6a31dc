import DRCore
import DRSourceKit
import DRWire
import Foundation
import Synchronization

/// Reads where the users of each pair that names its routing are sent, each system (MRAP, Route 53, ARC, Global
/// Accelerator) in a task of its own that runs beside the poll: a poll takes what finished within its wait and
/// leaves a slow read running (a hanging ARC endpoint, a control plane region that holds requests), so that no
/// poll waits on one beyond a request timeout. Both regions' polls of a pair share one read. A read that fails
/// keeps the routes read before (their time says how old they are) and adds its problem.
package final class RoutingWatch: Sendable {
    private struct Key: Hashable {
        var pair: String
        var kind: TrafficRoute.Kind
    }

    private struct Slot {
        var task: Task<RouteReading, Never>?
        var startedAt: Date?
        var last: RouteReading?
        var lastRoutes: [TrafficRoute] = []
    }

    private let mrap: MRAPRoutes
    private let route53: Route53Failover
    private let arc: ARCControlStates
    private let accelerator: AcceleratorGroups
    private let slots = Mutex<[Key: Slot]>([:])
    /// A new read starts when the last one started at least this long ago (half a poll: the two regions of a
    /// pair, polled at once, share one read).
    private let minimumSpacing: Double

    /// Creates the watch. `pollIntervalSeconds` is the poll's refresh: dials, controls and health are read every
    /// poll; Route 53's records and health check settings every `slowRefreshSeconds`.
    package init(client: AWSClient, pollIntervalSeconds: Double, slowRefreshSeconds: Double) {
        mrap = MRAPRoutes(client: client)
        route53 = Route53Failover(client: client, refreshSeconds: slowRefreshSeconds)
        arc = ARCControlStates(client: client)
        accelerator = AcceleratorGroups(client: client)
        minimumSpacing = pollIntervalSeconds / 2
    }

    /// Forgets what is read only now and then (Route 53's records, ARC's endpoints): read again at once.
    package func invalidate() {
        route53.invalidate()
        arc.invalidate()
    }

    /// Where `pair`'s users are sent at `now`, waiting at most `waitSeconds` for reads in flight.
    package func traffic(_ pair: PairSpec, now: Date, waitSeconds: Double) async -> TrafficStatus {
        let kinds = pair.routing.kinds
        var tasks: [(TrafficRoute.Kind, Task<RouteReading, Never>?, Date?)] = []
        for kind in kinds {
            let key = Key(pair: pair.name, kind: kind)
            let (task, started) = slots.withLock { slots -> (Task<RouteReading, Never>?, Date?) in
                var slot = slots[key] ?? Slot()
                let due = slot.startedAt.map { now.timeIntervalSince($0) >= minimumSpacing } ?? true
                if slot.task == nil, due {
                    slot.startedAt = now
                    slot.task = Task.detached { [self] in
                        let reading = await read(kind, pair: pair, now: now)
                        finish(key, reading)
                        return reading
                    }
                }
                slots[key] = slot
                return (slot.task, slot.startedAt)
            }
            tasks.append((kind, task, started))
        }
        let waitStarted = ContinuousClock.now
        var status = TrafficStatus()
        for (kind, task, started) in tasks {
            let left = waitSeconds - (ContinuousClock.now - waitStarted).milliseconds / 1000
            if let task, await Deadline.value(of: task, within: left) == nil {
                // Still reading: what was read before stands, and the reason it is not newer.
                let slot = slots.withLock { $0[Key(pair: pair.name, kind: kind)] }
                let since = started.map { max(waitSeconds, Date().timeIntervalSince($0)) } ?? waitSeconds
                let message = "\(kind.label): no answer after \(Self.seconds(since.rounded())) (the read goes on)"
                status.routes += slot?.lastRoutes ?? []
                status.notes += slot?.last?.notes ?? []
                status.problems.append(TrafficStatus.Problem(kind: kind, message: message, unreachable: true))
                continue
            }
            let slot = slots.withLock { $0[Key(pair: pair.name, kind: kind)] }
            status.routes += slot?.lastRoutes ?? []
            status.notes += slot?.last?.notes ?? []
            if let problem = slot?.last?.problem { status.problems.append(problem) }
        }
        status.readAt = status.routes.map(\.observedAt).max()
        return status
    }

    /// Keeps a finished read: its routes, or when it read none, the routes read before.
    private func finish(_ key: Key, _ reading: RouteReading) {
        slots.withLock { slots in
            var slot = slots[key] ?? Slot()
            slot.task = nil
            slot.last = reading
            if !reading.routes.isEmpty || reading.problem == nil { slot.lastRoutes = reading.routes }
            slots[key] = slot
        }
    }

    private func read(_ kind: TrafficRoute.Kind, pair: PairSpec, now: Date) async -> RouteReading {
        switch kind {
        case .mrap: await mrap.read(pair.routing.mrapARN ?? "", pair: pair, now: now)
        case .route53:
            if let name = pair.routing.route53 { await route53.read(name, pair: pair, now: now) } else { RouteReading() }
        case .arc:
            if let controls = pair.routing.arc { await arc.read(controls, now: now) } else { RouteReading() }
        case .accelerator: await accelerator.read(pair.routing.acceleratorARN ?? "", pair: pair, now: now)
        }
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : Format.fixed(value, decimals: 1) + " s"
    }
}
