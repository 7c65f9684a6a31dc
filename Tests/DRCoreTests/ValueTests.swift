import DRCore
import DRTestSupport
import Foundation
import Testing

@Suite struct ValueTests {
    @Test func durations() {
        #expect(Format.duration(0) == "0s")
        #expect(Format.duration(48.9) == "48s")
        #expect(Format.duration(60) == "1m")
        #expect(Format.duration(136) == "2m16s")
        #expect(Format.duration(14 * 60 + 5) == "14m")
        #expect(Format.duration(3600 + 5 * 60) == "1h05m")
        #expect(Format.duration(4 * 3600) == "4h")
        #expect(Format.duration(3 * 86_400 + 4 * 3600) == "3d04h")
        #expect(Format.duration(.infinity) == "∞")
        #expect(Format.duration(-5) == "0s")
    }

    @Test func fixedDecimals() {
        #expect(Format.fixed(443.68, decimals: 2) == "443.68")
        #expect(Format.fixed(14.786, decimals: 2) == "14.79")
        #expect(Format.fixed(0.5, decimals: 1) == "0.5")
        #expect(Format.fixed(7, decimals: 2) == "7.00")
        #expect(Format.fixed(0.004, decimals: 2) == "0.00")
        #expect(Format.fixed(1.05, decimals: 1) == "1.1")
        #expect(Format.fixed(-2.25, decimals: 1) == "-2.3")
        #expect(Format.fixed(-0.001, decimals: 2) == "0.00")
        #expect(Format.fixed(12.5, decimals: 0) == "13")
        #expect(Format.fixed(.nan, decimals: 2) == "nan")
        #expect(Format.fixed(.infinity, decimals: 2) == "∞")
        #expect(Format.fixed(1e20, decimals: 2) == "1e+20")
    }

    @Test func sizesAndCounts() {
        #expect(Format.bytes(0) == "0 B")
        #expect(Format.bytes(1023) == "1023 B")
        #expect(Format.bytes(40 * 1024 * 1024) == "40 MiB")
        #expect(Format.bytes(Int64(3.1 * 1024 * 1024 * 1024)) == "3.1 GiB")
        #expect(Format.count(88_410) == "88,410")
        #expect(Format.count(1_204) == "1,204")
        #expect(Format.count(12) == "12")
        #expect(Format.count(-1_000_000) == "-1,000,000")
        #expect(Format.percent(0.934) == "93%")
        #expect(Format.timestamp(Date(timeIntervalSince1970: 1_369_353_600)) == "2013-05-24 00:00:00 UTC")
    }

    @Test func durationParser() {
        #expect(DurationParser.seconds("90") == 90)
        #expect(DurationParser.seconds("90s") == 90)
        #expect(DurationParser.seconds("15m") == 900)
        #expect(DurationParser.seconds("1h30m") == 5400)
        #expect(DurationParser.seconds("1d") == 86_400)
        #expect(DurationParser.seconds(" 2H ") == 7200)
        for bad in ["", "m", "15x", "1h30", "-5", "abc", "1..5m"] {
            #expect(DurationParser.seconds(bad) == nil, "\(bad)")
        }
    }

    @Test func strategiesSetDefaultRPO() {
        #expect(DRStrategy.backupAndRestore.defaultRPOSeconds >= 3600)
        #expect(DRStrategy.pilotLight.defaultRPOSeconds >= 60 && DRStrategy.pilotLight.defaultRPOSeconds < 3600)
        #expect(DRStrategy.warmStandby.defaultRPOSeconds <= 60)
        #expect(DRStrategy.activeActive.defaultRPOSeconds <= DRStrategy.warmStandby.defaultRPOSeconds)
        #expect(DRStrategy(rawValue: "pilot-light") == .pilotLight)
    }

    @Test func seriesIsBoundedAndOrdered() {
        var series = Series(capacity: 3)
        let t = Fixtures.now
        series.append(Sample(time: t, value: 1))
        series.append(Sample(time: t.addingTimeInterval(20), value: 3))
        series.append(Sample(time: t.addingTimeInterval(10), value: 2))
        series.append(Sample(time: t.addingTimeInterval(10), value: 2.5))
        #expect(series.samples.map(\.value) == [1, 2.5, 3])
        series.append(Sample(time: t.addingTimeInterval(30), value: 4))
        #expect(series.samples.map(\.value) == [2.5, 3, 4])
        #expect(series.last == 4)
        let slope = Fixtures.series([0, 10, 20, 30]).slope(over: 300, endingAt: Fixtures.now)
        #expect(abs((slope ?? 0) - 1) < 1e-9)
    }

    @Test func historyIsCarriedBetweenSnapshots() {
        var first = Fixtures.snapshot([Fixtures.pair(lag: 10)])
        first.pairs[0].fromPrimary.lagHistory = Series()
        HistoryMerger.merge(previous: nil, into: &first)
        let merged1 = first
        #expect(merged1.pairs[0].fromPrimary.lagHistory.samples.map(\.value) == [10])
        var second = Fixtures.snapshot([Fixtures.pair(lag: 20)])
        second.pairs[0].fromPrimary.lagHistory = Series()
        second.pairs[0].fromPrimary.metricsAt = Fixtures.now.addingTimeInterval(60)
        HistoryMerger.merge(previous: merged1, into: &second)
        let merged2 = second
        #expect(merged2.pairs[0].fromPrimary.lagHistory.samples.map(\.value) == [10, 20])
    }
}
