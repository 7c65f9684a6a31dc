import DRCore
import Foundation
import Testing

/// The window searches of `Series` (`fit`, `firstLeaving`) against a plain filter of the samples, for series of
/// every length from 0 to 70 and windows that start before, inside and after them.
@Suite struct SeriesWindowTests {
    private let origin = Date(timeIntervalSince1970: 1_800_000_000)

    /// A series of `count` samples 60 s apart with values that are not on a line.
    private func series(_ count: Int) -> Series {
        Series(capacity: 240, samples: (0..<count).map {
            Sample(time: origin.addingTimeInterval(Double($0) * 60), value: Double(($0 * 37) % 11))
        })
    }

    /// The least-squares fit of a plain filter, as the textbook writes it.
    private func referenceFit(_ series: Series, over seconds: Double, endingAt now: Date) -> (slope: Double, span: Double)? {
        let start = now.addingTimeInterval(-seconds)
        let inside = series.samples.filter { $0.time >= start && $0.time <= now }
        guard inside.count >= 3, let first = inside.first, let last = inside.last else { return nil }
        let span = last.time.timeIntervalSince(first.time)
        guard span >= 1 else { return nil }
        let xs = inside.map { $0.time.timeIntervalSince(first.time) }
        let ys = inside.map(\.value)
        let meanX = xs.reduce(0, +) / Double(xs.count)
        let meanY = ys.reduce(0, +) / Double(ys.count)
        let numerator = zip(xs, ys).map { ($0 - meanX) * ($1 - meanY) }.reduce(0, +)
        let denominator = xs.map { ($0 - meanX) * ($0 - meanX) }.reduce(0, +)
        return denominator > 0 ? (numerator / denominator, span) : nil
    }

    @Test func windowsFoundFromTheNewestEndMatchAPlainFilter() {
        var compared = 0
        for count in 0...70 {
            let series = series(count)
            for endMinute in [-5, 0, 1, count / 2, count - 1, count, count + 3] {
                let now = origin.addingTimeInterval(Double(endMinute) * 60 + 5)
                for seconds in [0.0, 59, 60, 125, 300, 900, 3000, 4200, 86_400] {
                    let fit = series.fit(over: seconds, endingAt: now)
                    let expected = referenceFit(series, over: seconds, endingAt: now)
                    #expect(fit?.span == expected?.span, "count \(count), end \(endMinute), window \(seconds)")
                    if let fit, let expected {
                        #expect(abs(fit.slope - expected.slope) < 1e-12)
                    }
                    let start = now.addingTimeInterval(-seconds)
                    let oldest = series.samples.first { $0.time >= start && $0.time <= now }
                    #expect(series.firstLeaving(window: seconds, after: now) == oldest?.time.addingTimeInterval(seconds))
                    compared += 1
                }
            }
        }
        #expect(compared == 71 * 7 * 9)
    }
}
