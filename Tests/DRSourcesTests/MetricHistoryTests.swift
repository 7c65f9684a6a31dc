import DRCore
import DRSources
import DRTestSupport
import Foundation
import Testing

/// What happened before drtop started: the first poll of a region reads three hours of CloudWatch history in
/// the same batched GetMetricData call, so the sparkline, trend and chart mean something from the first frame;
/// later polls read the last 15 minutes; failures still count only the last 15 minutes.
@Suite(.serialized) struct MetricHistoryTests {
    @Test func theFirstPollReadsThreeHours() async throws {
        let lab = try Lab(pairs: 1)
        // Datapoints an hour and two hours old, as CloudWatch would hold from before drtop started.
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
        let pair = PairSpec(name: "lab0", primary: Bucket(name: "lab0-use1", region: "us-east-1"),
                            secondary: Bucket(name: "lab0-usw2", region: "us-west-2"), rpoSeconds: 900)
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
    }
}
