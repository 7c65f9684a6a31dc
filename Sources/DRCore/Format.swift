import Foundation

/// Compact, locale-independent formatting of durations, sizes and counts for screens and reports.
public enum Format {
    /// "0s", "48s", "14m", "2h05m", "3d04h": at most two units, rounded down.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "∞" }
        let total = Int(max(0, seconds).rounded(.down))
        if total < 60 { return "\(total)s" }
        if total < 3600 {
            let minutes = total / 60, rest = total % 60
            return minutes < 10 && rest > 0 ? "\(minutes)m\(pad(rest))s" : "\(minutes)m"
        }
        if total < 86_400 {
            let hours = total / 3600, minutes = (total % 3600) / 60
            return minutes > 0 ? "\(hours)h\(pad(minutes))m" : "\(hours)h"
        }
        let days = total / 86_400, hours = (total % 86_400) / 3600
        return hours > 0 ? "\(days)d\(pad(hours))h" : "\(days)d"
    }

    /// "512 B", "40 MiB", "3.1 GiB" (binary units, rounded; one decimal below 10).
    public static func bytes(_ value: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var size = Double(max(0, value))
        var index = 0
        while size >= 1024, index < units.count - 1 {
            size /= 1024
            index += 1
        }
        if index == 0 { return "\(Int(size)) B" }
        let tenths = Int((size * 10).rounded())
        if tenths < 100 { return "\(tenths / 10).\(tenths % 10) \(units[index])" }
        return "\(Int(size.rounded())) \(units[index])"
    }

    /// "88,410": thousands separated by commas.
    public static func count(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (index, char) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(char)
        }
        return value < 0 ? "-" + out : out
    }

    /// `value` with `decimals` digits after the point: "443.68", "0.5", "7.00" (like `%.Nf`, without Foundation's
    /// formatter: the dashboard draws a cost every frame). `value` times 10^decimals is rounded half away from
    /// zero, so a tie (or a value within rounding of one, as 0.15) may end one digit off printf's, which rounds
    /// the exact binary value half to even; no sign for a value that rounds to zero; "∞", "-∞", "nan".
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-∞" : "∞") }
        let places = max(0, min(decimals, 15))
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e15 else { return "\(value)" }
        let units = UInt64(scaled), divisor = UInt64(scale)
        var text = String(units / divisor)
        if places > 0 {
            let fraction = String(units % divisor)
            text += "." + String(repeating: "0", count: places - fraction.count) + fraction
        }
        return value < 0 && units > 0 ? "-" + text : text
    }

    /// "48%" for 0.48.
    public static func percent(_ share: Double) -> String {
        guard share.isFinite else { return "∞%" }
        return "\(Int((share * 100).rounded()))%"
    }

    /// "48%", "1393%", and ">999%" above 999 %: at most five cells, never cut (a number cut to "139…" lies).
    public static func share(_ share: Double) -> String {
        guard share.isFinite else { return "∞%" }
        return share * 100 >= 999.5 ? ">999%" : percent(share)
    }

    /// "2026-11-25 12:28:30 UTC".
    public static func timestamp(_ date: Date) -> String {
        utc(date, between: " ", end: " UTC")
    }

    /// "2026-11-25T12:28:30Z" (what `SnapshotDocument.iso8601` and request signing write; no Foundation
    /// formatter or string replacing on the way: it is written for every request).
    public static func iso8601(_ date: Date) -> String {
        utc(date, between: "T", end: "Z")
    }

    /// The date and time of `date` in UTC, to the second, `between` them and `end` after.
    private static func utc(_ date: Date, between: String, end: String) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        return "\(year)-\(pad(month))-\(pad(day))\(between)\(pad(secondOfDay / 3600)):\(pad(secondOfDay / 60 % 60)):"
            + "\(pad(secondOfDay % 60))\(end)"
    }

    /// Proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
    private static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
