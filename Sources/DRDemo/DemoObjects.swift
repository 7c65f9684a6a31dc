import DRCore
import Foundation

/// Plausible object keys, version IDs and sizes for the demo's queues, derived from the seed.
enum DemoObjects {
    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz._")

    /// The `index`-th object written by `direction` in `second`.
    static func object(
        random: SeededRandom, profile: DemoDirectionProfile, direction: Int, second: Int, index: Int,
        status: ObjectStatus, reason: String? = nil, size: Int64
    ) -> PendingObject {
        let bits = random.bits([direction, second, index, 77])
        let prefix = profile.prefixes[Int(bits % UInt64(profile.prefixes.count))]
        let name = String(bits >> 20, radix: 36)
        var version = ""
        var state = bits
        for _ in 0..<32 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            version.append(alphabet[Int(state >> 58)])
        }
        let jitter = 0.4 + Double(bits % 1200) / 1000
        return PendingObject(
            key: "\(prefix)\(name).\(profile.ext)", versionID: version, size: max(1, Int64(Double(size) * jitter)),
            writtenAt: Date(timeIntervalSince1970: TimeInterval(second) + Double(bits % 1000) / 1000),
            status: status, failureReason: reason)
    }
}
