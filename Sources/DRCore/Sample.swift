import Foundation

/// One timestamped value of a time series.
public struct Sample: Sendable, Equatable {
    /// When the value was observed.
    public var time: Date
    /// The value.
    public var value: Double

    /// Creates a sample.
    public init(time: Date, value: Double) {
        self.time = time
        self.value = value
    }
}
