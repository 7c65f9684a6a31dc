/// Stateless, seeded randomness: the same seed and coordinates always give the same number, so the demo's
/// state at a given second depends only on the seed and the history of scenarios, not on when polls happen.
struct SeededRandom: Sendable {
    let seed: UInt64

    /// A 64-bit hash of the seed and `coordinates` (SplitMix64 finaliser, applied per coordinate).
    func bits(_ coordinates: [Int]) -> UInt64 {
        var state = seed &+ 0x9E37_79B9_7F4A_7C15
        for value in coordinates {
            state = Self.mix(state ^ UInt64(bitPattern: Int64(value)) &+ 0x9E37_79B9_7F4A_7C15)
        }
        return state
    }

    /// A uniform number in [0, 1) for `coordinates`.
    func unit(_ coordinates: Int...) -> Double {
        Double(bits(coordinates) >> 11) / Double(1 << 53)
    }

    private static func mix(_ input: UInt64) -> UInt64 {
        var z = input
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
