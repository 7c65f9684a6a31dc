@testable import DRWire
import Foundation
import Testing

/// The adaptive request limit per endpoint: kept by a server that answers as fast with more in flight, brought
/// down by one that answers one request at a time (its latency grows with what is in flight), and raised again
/// when the server recovers.
@Suite struct ConcurrencyLimitTests {
    /// Drives `limit` against a simulated server: the client keeps `limit.allowed` requests out; a server that
    /// scales answers each after `latency`, one that handles one request at a time (`serial`) answers them in
    /// turn, `latency` each. Returns the limit after `answers` answers.
    static func settle(_ limit: inout ConcurrencyLimit, answers: Int, serial: Bool, api: String = "GetBucketReplication",
                       latency: () -> Double) -> Double {
        var clock = 0.0, serverFree = 0.0
        var out: [(sent: Double, done: Double)] = []
        for _ in 0..<answers {
            while out.count < limit.allowed {
                let service = latency()
                let done = serial ? max(clock, serverFree) + service : clock + service
                if serial { serverFree = done }
                out.append((clock, done))
            }
            let next = out.indices.min { out[$0].done < out[$1].done }!
            let answer = out.remove(at: next)
            clock = answer.done
            limit.record(api: api, seconds: answer.done - answer.sent, inFlight: out.count + 1)
        }
        return limit.limit
    }

    @Test func aServerThatScalesIsSoonSentTheCeiling() {
        var limit = ConcurrencyLimit(ceiling: 16)
        #expect(limit.allowed == 4, "starts at 4")
        _ = Self.settle(&limit, answers: 12, serial: false) { 0.02 }
        #expect(limit.allowed == 16, "slow start: one more each answer")
        // AWS-like: 20 ms, ±50 % jitter, whatever is in flight.
        var jitter = SystemRandomNumberGenerator()
        let kept = Self.settle(&limit, answers: 2_000, serial: false) { 0.02 * Double.random(in: 0.5...1.5, using: &jitter) }
        #expect(kept >= 15, "limit \(kept)")
    }

    @Test func aServerThatAnswersOneAtATimeIsSentFew() {
        var limit = ConcurrencyLimit(ceiling: 16)
        // One request at a time, 10 ms each: an answer waits for the ones ahead of it.
        let settled = Self.settle(&limit, answers: 2_000, serial: true) { 0.01 }
        #expect(settled <= 6, "limit \(settled)")
        #expect(limit.allowed >= 1)
        // The server recovers (answers as fast with more in flight): the limit climbs back.
        let recovered = Self.settle(&limit, answers: 4_000, serial: false) { 0.012 }
        #expect(recovered >= 15, "limit \(recovered)")
    }

    @Test func eachAPIHasItsOwnBaseline() {
        var limit = ConcurrencyLimit(ceiling: 16)
        // Fast GETs and 1 s GetMetricData calls to one endpoint that scales: neither is queueing.
        for index in 0..<1_000 {
            let api = index % 10 == 0 ? "GetMetricData" : "GetBucketVersioning"
            limit.record(api: api, seconds: api == "GetMetricData" ? 1.0 : 0.01, inFlight: limit.allowed)
        }
        #expect(limit.limit >= 15, "limit \(limit.limit)")
    }

    @Test func oneRequestInFlightIsNeverQueueing() {
        var limit = ConcurrencyLimit(ceiling: 4)
        limit.record(api: "a", seconds: 0.01, inFlight: 1)
        for _ in 0..<100 { limit.record(api: "a", seconds: 5, inFlight: 1) }
        #expect(limit.limit == 4, "a slow answer alone says nothing of a queue (and the ceiling is 4)")
        limit.record(api: "a", seconds: .nan, inFlight: 4)
        limit.record(api: "a", seconds: -1, inFlight: 4)
        #expect(limit.limit == 4)
    }

    /// The gate holds requests beyond an endpoint's limit in drtop, in arrival order, and never holds one endpoint's
    /// requests for another's.
    @Test func theGateAdmitsUpToTheLimitPerEndpoint() async {
        let gate = EndpointGate(ceiling: 2)   // starts at min(2, 4)
        #expect(await gate.enter("slow:1") == 1)
        #expect(await gate.enter("slow:1") == 2)
        #expect(await gate.enter("fast:2") == 1, "another endpoint is not held")
        let order = OrderLog()
        let third = Task {
            _ = await gate.enter("slow:1")
            await order.add("third")
        }
        try? await Task.sleep(for: .milliseconds(100))
        #expect(await order.entries.isEmpty, "the third waits while two are in flight")
        await order.add("released")
        gate.leave("slow:1", api: "a", seconds: 0.01, inFlight: 2)
        await third.value
        #expect(await order.entries == ["released", "third"])
        #expect(gate.limit(of: "never-asked") == 2)
    }

    actor OrderLog {
        var entries: [String] = []
        func add(_ entry: String) { entries.append(entry) }
    }
}
