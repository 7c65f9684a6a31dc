import Foundation

/// A bounded, time-ordered series of samples: the oldest are dropped beyond `capacity`.
public struct Series: Sendable, Equatable {
    /// The samples, oldest first, at most `capacity` of them.
    public private(set) var samples: [Sample]
    /// The most samples kept.
    public let capacity: Int

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
        let points = window(seconds, endingAt: now)
        guard points.count >= 3, let first = points.first, let lastPoint = points.last,
              lastPoint.time.timeIntervalSince(first.time) >= 1 else { return nil }
        let xs = points.map { $0.time.timeIntervalSince(first.time) }
        let ys = points.map(\.value)
        let n = Double(points.count)
        let meanX = xs.reduce(0, +) / n
        let meanY = ys.reduce(0, +) / n
        var numerator = 0.0
        var denominator = 0.0
        for (x, y) in zip(xs, ys) {
            numerator += (x - meanX) * (y - meanY)
            denominator += (x - meanX) * (x - meanX)
        }
        return denominator > 0 ? numerator / denominator : nil
    }
}
