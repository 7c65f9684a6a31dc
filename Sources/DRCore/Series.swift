import Foundation

/// A bounded, time-ordered series of samples: the oldest are dropped beyond `capacity`.
public struct Series: Sendable, Equatable {
    /// The samples, oldest first, at most `capacity` of them.
    public private(set) var samples: [Sample]
    /// The most samples kept.
    public let capacity: Int
    /// Where `samples` lies in a series (for `Prefetch`, which reads the array's reference without counting it).
    static let samplesOffset = MemoryLayout<Series>.offset(of: \Series.samples)!

    /// Creates an empty series keeping at most `capacity` samples.
    public init(capacity: Int = 120, samples: [Sample] = []) {
        self.capacity = max(1, capacity)
        self.samples = []
        merge(samples)
    }

    /// The newest value, if any.
    public var last: Double? { samples.last?.value }

    /// Adds `sample`, keeping time order; a sample at a time already held replaces the old value.
    public mutating func append(_ sample: Sample) {
        if let lastTime = samples.last?.time, sample.time <= lastTime {
            if let index = samples.lastIndex(where: { $0.time <= sample.time }) {
                if samples[index].time == sample.time {
                    samples[index] = sample
                } else {
                    samples.insert(sample, at: index + 1)
                }
            } else {
                samples.insert(sample, at: 0)
            }
        } else {
            samples.append(sample)
        }
        if samples.count > capacity { samples.removeFirst(samples.count - capacity) }
    }

    /// Adds every sample of `others`.
    public mutating func merge(_ others: [Sample]) {
        for sample in others { append(sample) }
    }

    /// The samples no older than `seconds` before `now`.
    public func window(_ seconds: Double, endingAt now: Date) -> [Sample] {
        let start = now.addingTimeInterval(-seconds)
        return samples.filter { $0.time >= start && $0.time <= now }
    }

    /// Least-squares slope, in value per second, of the samples in the window; nil with fewer than 3 samples
    /// or a span under one second.
    public func slope(over seconds: Double, endingAt now: Date) -> Double? {
        fit(over: seconds, endingAt: now)?.slope
    }

    /// The least-squares slope (value per second) of the samples no older than `seconds` before `now`, and the
    /// time from the first of them to the last; nil with fewer than 3 samples or a span under one second.
    /// One pass over the window's samples, found by binary search (samples are in time order), nothing copied.
    public func fit(over seconds: Double, endingAt now: Date) -> (slope: Double, span: Double)? {
        let low = firstIndex(notBefore: now.addingTimeInterval(-seconds))
        var end = samples.count
        while end > low, samples[end - 1].time > now { end -= 1 }
        let count = end - low
        guard count >= 3 else { return nil }
        let origin = samples[low].time
        let span = samples[end - 1].time.timeIntervalSince(origin)
        guard span >= 1 else { return nil }
        // Centred sums, in two passes over the same range (no arrays), as the textbook formula.
        var sumX = 0.0
        var sumY = 0.0
        for index in low..<end {
            sumX += samples[index].time.timeIntervalSince(origin)
            sumY += samples[index].value
        }
        let n = Double(count)
        let meanX = sumX / n
        let meanY = sumY / n
        var numerator = 0.0
        var denominator = 0.0
        for index in low..<end {
            let dx = samples[index].time.timeIntervalSince(origin) - meanX
            numerator += dx * (samples[index].value - meanY)
            denominator += dx * dx
        }
        guard denominator > 0 else { return nil }
        return (numerator / denominator, span)
    }

    /// When the oldest sample inside the `window` seconds before `now` leaves it (its time + `window`); nil when
    /// the window holds none.
    public func firstLeaving(window: Double, after now: Date) -> Date? {
        let low = firstIndex(notBefore: now.addingTimeInterval(-window))
        guard low < samples.count, samples[low].time <= now else { return nil }
        return samples[low].time.addingTimeInterval(window)
    }

    /// The index of the first sample at or after `start` (`samples.count` when none is). The windows asked about
    /// end at the newest samples, so the search gallops back from the end (1, 2, 4, ... samples) and then halves
    /// the last step: its probes (about twice the logarithm of the window's samples) lie among the newest
    /// samples, next to each other, not in the middle of an old history, for every direction judged.
    private func firstIndex(notBefore start: Date) -> Int {
        var high = samples.count
        var step = 1
        // Invariant: every sample from `high` on is at or after `start`.
        while high > 0 {
            let probe = max(0, high - step)
            if samples[probe].time < start {
                var low = probe + 1
                while low < high {
                    let middle = (low + high) / 2
                    if samples[middle].time < start { low = middle + 1 } else { high = middle }
                }
                return high
            }
            high = probe
            step *= 2
        }
        return 0
    }
}
