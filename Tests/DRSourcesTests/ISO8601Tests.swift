@testable import DRWire
import Foundation
import Testing

/// The hand-written ISO 8601 reader and writer agree with Foundation's formatter on AWS's shapes.
@Suite struct ISO8601Tests {
    @Test(arguments: ["2026-11-25T12:00:00Z", "2026-11-25T12:00:00.123Z", "1999-12-31T23:59:59Z",
                      "2024-02-29T00:00:00Z", "2026-11-25T13:30:00+01:30", "2026-11-25T07:00:00-05:00",
                      "1970-01-01T00:00:00Z", "2100-03-01T06:07:08.5Z"])
    func agreesWithFoundation(text: String) throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = text.contains(".") ? [.withInternetDateTime, .withFractionalSeconds]
            : [.withInternetDateTime]
        let expected = try #require(formatter.date(from: text))
        let parsed = try #require(ISO8601.parse(text))
        #expect(abs(parsed.timeIntervalSince(expected)) < 0.0005, "\(text)")
    }

    @Test(arguments: ["", "2026-11-25", "2026-11-25T12:00:00", "2026-13-01T00:00:00Z", "2026-11-25T25:00:00Z",
                      "2026-11-25T12:00:00Zjunk", "20261125T120000Z", "2026-11-25T12:00:00.Z", "❤️"])
    func rejectsWhatIsNotATimestamp(text: String) {
        #expect(ISO8601.parse(text) == nil, "\(text)")
    }

    @Test func formatsUTCWholeSeconds() {
        let date = Date(timeIntervalSince1970: 1_795_608_000.9)
        #expect(ISO8601.format(date) == "2026-11-25T12:00:00Z")
        #expect(ISO8601.parse(ISO8601.format(date)) == Date(timeIntervalSince1970: 1_795_608_000))
        #expect(ISO8601.format(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
    }
}
