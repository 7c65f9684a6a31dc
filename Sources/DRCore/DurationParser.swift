import Foundation

/// Parses durations written as people write them: "90", "90s", "15m", "1h30m", "2h", "1d".
public enum DurationParser {
    /// Seconds for `text`, or nil when it is not a duration. A bare number is seconds.
    public static func seconds(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !trimmed.isEmpty else { return nil }
        if let plain = Double(trimmed) { return plain.isFinite && plain >= 0 ? plain : nil }
        var total = 0.0
        var number = ""
        var sawUnit = false
        for char in trimmed {
            if char.isNumber || char == "." {
                number.append(char)
                continue
            }
            guard let value = Double(number), let unit = unitSeconds(char) else { return nil }
            total += value * unit
            number = ""
            sawUnit = true
        }
        guard number.isEmpty, sawUnit, total.isFinite else { return nil }
        return total
    }

    private static func unitSeconds(_ unit: Character) -> Double? {
        switch unit {
        case "s": return 1
        case "m": return 60
        case "h": return 3600
        case "d": return 86_400
        default: return nil
        }
    }
}
