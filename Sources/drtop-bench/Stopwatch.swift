import DRCore
import Foundation

/// Times closures and keeps the medians and 99th percentiles, in milliseconds.
struct Stopwatch {
    struct Result {
        var median: Double
        var p99: Double
    }

    static func measure(runs: Int, warmup: Int = 20, _ body: () -> Void) -> Result {
        for _ in 0..<warmup { body() }
        var samples: [Double] = []
        samples.reserveCapacity(runs)
        let clock = ContinuousClock()
        for _ in 0..<runs {
            let elapsed = clock.measure(body)
            samples.append(elapsed.milliseconds)
        }
        samples.sort()
        return Result(median: samples[samples.count / 2], p99: samples[min(samples.count - 1, samples.count * 99 / 100)])
    }
}
