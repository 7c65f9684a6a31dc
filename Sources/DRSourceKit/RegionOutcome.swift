import DRCore

/// How the poll of one region ended.
package enum RegionOutcome: Sendable, Equatable {
    /// The region answered; `elapsedMs` is the measured wall time.
    case answered(RegionReading, elapsedMs: Double)
    /// The region could not be read.
    case failed(SourceProblem)
}
