import DRAWS
import DRCore
import DRSourceKit
import DRTestSupport
import Foundation
import Testing

/// What happened before drtop started: the first poll of a region reads three hours of CloudWatch history in
/// the same batched GetMetricData call, so the sparkline, trend and chart mean something from the first frame;
/// later polls read the last 15 minutes; failures still count only the last 15 minutes. A headless command's
/// source draws no sparkline and reads the last 15 minutes from the start.
@Suite(.serialized) struct MetricHistoryTests {
    /// The lab's first pair.
    private static let pair = PairSpec(name: "lab0", primary: Bucket(name: "lab0-use1", region: "us-east-1"),
                                       secondary: Bucket(name: "lab0-usw2", region: "us-west-2"), rpoSeconds: 900)

    @Test func theFirstPollReadsThreeHours() async throws {
        let lab = try Lab(pairs: 1)
        try putOldDatapoints(lab)
        let pair = Self.pair
        let source = AWSSource(pairs: [pair], client: lab.client(), trackObjects: false)
        _ = try await source.layout()
        let key = DirectionKey(source: "lab0-use1", destination: "lab0-usw2")
        let now = Date()
        let west = try await source.poll(region: "us-west-2", now: now).directions[key]
        let samples = west?.lagSamples ?? []
        #expect(samples.contains { $0.value == 321 && now.timeIntervalSince($0.time) > 7000 }, "two hours back: \(samples.prefix(3))")
        #expect(samples.contains { $0.value == 123 }, "one hour back")
        let east = try await source.poll(region: "us-east-1", now: now).directions[key]
        #expect(east?.failedOperations == 0, "failures an hour old are not the last 15 minutes': \(String(describing: east?.failedOperations))")
        // Later polls read the last 15 minutes only.
        let later = try await source.poll(region: "us-west-2", now: Date()).directions[key]?.lagSamples ?? []
        #expect(!later.contains { $0.value == 123 || $0.value == 321 })
        // A headless command's source (no sparkline to fill) reads the last 15 minutes from its first poll.
        let headless = AWSSource(pairs: [pair], client: lab.client(), trackObjects: false, historySeconds: 0)
        _ = try await headless.layout()
        let first = try await headless.poll(region: "us-west-2", now: Date()).directions[key]?.lagSamples ?? []
        #expect(!first.contains { $0.value == 123 || $0.value == 321 }, "\(first.prefix(3))")
    }

    /// Datapoints an hour and two hours old, as CloudWatch would hold from before drtop started: lag 321 s and
    /// 123 s in us-west-2, 7 failed operations each time in us-east-1.
    private func putOldDatapoints(_ lab: Lab) throws {
        let put = try Spawn.run(try #require(MotoServer.pythonPath), ["-c", """
            import boto3, datetime, sys
            from botocore.config import Config
            def cw(port, region):
                return boto3.client("cloudwatch", region_name=region, endpoint_url=f"http://127.0.0.1:{port}",
                                    aws_access_key_id="testing", aws_secret_access_key="testing",
                                    config=Config(disable_request_compression=True))
            dims = [{"Name": "SourceBucket", "Value": "lab0-use1"}, {"Name": "DestinationBucket", "Value": "lab0-usw2"},
                    {"Name": "RuleId", "Value": "to-usw2"}]
            now = datetime.datetime.now(datetime.timezone.utc)
            for minutes, lag in ((120, 321.0), (60, 123.0)):
                at = now - datetime.timedelta(minutes=minutes)
                cw(sys.argv[2], "us-west-2").put_metric_data(Namespace="AWS/S3", MetricData=[
                    {"MetricName": "ReplicationLatency", "Dimensions": dims, "Timestamp": at, "Value": lag}])
                cw(sys.argv[1], "us-east-1").put_metric_data(Namespace="AWS/S3", MetricData=[
                    {"MetricName": "OperationsFailedReplication", "Dimensions": dims, "Timestamp": at, "Value": 7.0}])
            """, "\(lab.east)", "\(lab.west)"], capture: false)
        #expect(put.status == 0)
    }

    /// The dashboard's first look (`firstLookFirst`): the first poll of a region reads the last 15 minutes and
    /// leaves the object queue unread, saying so; the poll right after it, which the source asks for once, reads
    /// the three hours and the queue.
    @Test func aFirstLookLeavesTheHistoryAndTheQueueToThePollAfterIt() async throws {
        let lab = try Lab(pairs: 1)
        try putOldDatapoints(lab)
        let pair = Self.pair
        let source = AWSSource(pairs: [pair], client: lab.client(), firstLookFirst: true)
        _ = try await source.layout()
        let key = DirectionKey(source: "lab0-use1", destination: "lab0-usw2")
        #expect(await source.pollsAgainAtOnce() == false, "nothing polled yet")
        let look = try await source.poll(region: "us-west-2", now: Date()).directions[key]?.lagSamples ?? []
        #expect(!look.contains { $0.value == 123 || $0.value == 321 }, "\(look.prefix(3))")
        #expect(await source.pollsAgainAtOnce() == false, "one region's first look alone asks for no poll at once")
        let east = try await source.poll(region: "us-east-1", now: Date()).directions[key]
        #expect(east?.queueCoverage == .notStarted && east?.queueSource == .scan && east?.queue == [])
        #expect(await source.pollsAgainAtOnce())
        #expect(await source.pollsAgainAtOnce() == false, "asked for once")
        let west = try await source.poll(region: "us-west-2", now: Date()).directions[key]?.lagSamples ?? []
        #expect(west.contains { $0.value == 321 }, "two hours back, read by the poll after the first look")
        let queued = try await source.poll(region: "us-east-1", now: Date()).directions[key]?.queueCoverage
        #expect(queued != nil && queued != .notStarted, "\(String(describing: queued))")
        #expect(await source.pollsAgainAtOnce() == false)
    }

    /// The drill-down's 6 h and 24 h charts: asked for one direction, read from the destination region's
    /// CloudWatch at one-minute (6 h) or five-minute (24 h) maxima, in one GetMetricData call for that pair only.
    @Test func theChartReadsADayOfOnePairOnDemand() async throws {
        let lab = try Lab(pairs: 2)
        try lab.putLatency(source: "lab1-use1", destination: "lab1-usw2", rule: "to-usw2", region: "us-west-2",
                           [(20 * 60, 4321), (20 * 60, 1000), (4 * 60, 999)])
        let pairs = (0..<2).map {
            PairSpec(name: "lab\($0)", primary: Bucket(name: "lab\($0)-use1", region: "us-east-1"),
                     secondary: Bucket(name: "lab\($0)-usw2", region: "us-west-2"), rpoSeconds: 900)
        }
        let client = lab.client()
        let source = AWSSource(pairs: pairs, client: client, trackObjects: false)
        _ = try await source.layout()
        for region in ["us-east-1", "us-west-2"] { _ = try await source.poll(region: region, now: Date()) }
        let before = client.requestCounts.reduce(0) { $0 + $1.count }
        let request = LagHistoryRequest(pair: "lab1", source: pairs[1].primary, destination: pairs[1].secondary,
                                        seconds: 86_400)
        let now = Date()
        let day = await source.lagHistory(request, now: now)
        #expect(day.problem == nil, "\(String(describing: day.problem))")
        #expect(day.periodSeconds == 300 && day.origin == "CloudWatch ReplicationLatency, 5-min maximum")
        // Two datapoints of one minute 20 h back: the five-minute period holding them answers their maximum.
        let old = day.samples.filter { now.timeIntervalSince($0.time) > 19 * 3600 }
        #expect(old.map(\.value) == [4321], "\(old)")
        #expect(day.samples.contains { $0.value == 999 })
        #expect(client.requestCounts.reduce(0) { $0 + $1.count } - before == 1, "one GetMetricData call")
        // Six hours: one-minute maxima, and the datapoint 20 h back is outside.
        var six = request
        six.seconds = 6 * 3600
        let hours = await source.lagHistory(six, now: now)
        #expect(hours.periodSeconds == 60 && hours.samples.contains { $0.value == 999 })
        #expect(!hours.samples.contains { $0.value == 4321 || $0.value == 1000 })
        // The other pair's history holds none of these.
        let other = await source.lagHistory(LagHistoryRequest(pair: "lab0", source: pairs[0].primary,
                                                              destination: pairs[0].secondary, seconds: 86_400), now: now)
        #expect(!other.samples.contains { [4321, 1000, 999].contains($0.value) })
        // A direction no rule replicates says so.
        let none = await source.lagHistory(LagHistoryRequest(pair: "lab1", source: pairs[1].primary,
                                                             destination: pairs[0].secondary, seconds: 86_400), now: now)
        #expect(none.samples.isEmpty && none.problem?.message.contains("no enabled rule replicates lab1-use1") == true)
    }
}
