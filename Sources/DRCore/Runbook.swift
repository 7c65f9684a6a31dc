/// The commands that would move a pair's users from its primary region to its secondary, one system at a time
/// (MRAP routes, ARC routing controls, a Global Accelerator's dials, a Route 53 failover forced through the primary's
/// health check), filled in with what the configuration and the last read say. Where a value is not known the
/// step says how to find it. drtop prints these; it never runs them.
public enum Runbook {
    /// The five Regions whose S3 failover control endpoints take MRAP route changes.
    public static let mrapControlRegions = ["us-east-1", "us-west-2", "ap-southeast-2", "ap-northeast-1", "eu-west-1"]

    /// The steps for `pair`, in the order MRAP, ARC, Global Accelerator, Route 53; empty when it names no routing.
    public static func steps(for pair: BucketPair) -> [RunbookStep] {
        var steps: [RunbookStep] = []
        let from = pair.primaryRegion, to = pair.secondaryRegion
        let routes = pair.traffic?.routes ?? []
        if let arn = pair.routing.mrapARN {
            let account = arn.split(separator: ":", omittingEmptySubsequences: false).dropFirst(4).first.map(String.init) ?? "ACCOUNT_ID"
            // A control region that is neither side of the pair, when there is one: the failing Region may be one.
            let control = mrapControlRegions.first { $0 != from && $0 != to } ?? mrapControlRegions[0]
            steps.append(RunbookStep(
                title: "MRAP: make \(pair.secondary.name) (\(to)) active and \(pair.primary.name) (\(from)) passive "
                    + "(applies within 2 minutes; any of \(mrapControlRegions.joined(separator: ", ")) takes it)",
                command: "aws s3control submit-multi-region-access-point-routes --region \(control) "
                    + "--account-id \(account) --mrap \(arn) --route-updates "
                    + "Bucket=\(pair.secondary.name),Region=\(to),TrafficDialPercentage=100 "
                    + "Bucket=\(pair.primary.name),Region=\(from),TrafficDialPercentage=0"))
        }
        if let arc = pair.routing.arc {
            var entries: [String] = []
            if let on = arc.controls[to] { entries.append("RoutingControlArn=\(on),RoutingControlState=On") }
            if let off = arc.controls[from] { entries.append("RoutingControlArn=\(off),RoutingControlState=Off") }
            let missing = [to, from].filter { arc.controls[$0] == nil }
            steps.append(RunbookStep(
                title: "ARC: list the cluster's endpoints (use any; try another if one does not answer)",
                command: "aws route53-recovery-control-config describe-cluster --region us-west-2 "
                    + "--cluster-arn \(arc.clusterARN) --query 'Cluster.ClusterEndpoints'"))
            if !entries.isEmpty {
                steps.append(RunbookStep(
                    title: "ARC: turn \(to) On and \(from) Off (ENDPOINT and ENDPOINT_REGION from the step above)"
                        + (missing.isEmpty ? "" : "; [pair.routing] arc names no control for "
                            + missing.joined(separator: " or ") + ": add it, or find it in the control panel"),
                    command: "aws route53-recovery-cluster update-routing-control-states --region ENDPOINT_REGION "
                        + "--endpoint-url ENDPOINT --update-routing-control-state-entries " + entries.joined(separator: " ")))
            }
        }
        if pair.routing.acceleratorARN != nil {
            for (region, dial) in [(to, 100), (from, 0)] {
                let group = routes.first { $0.kind == .accelerator && $0.region == region }?.arn
                steps.append(RunbookStep(
                    title: "Global Accelerator: dial \(region) to \(dial) %"
                        + (group == nil ? " (its endpoint group's ARN was not read: aws globalaccelerator list-endpoint-groups)" : "")
                        + controlPlaneWarning("us-west-2", from),
                    command: "aws globalaccelerator update-endpoint-group --region us-west-2 "
                        + "--endpoint-group-arn \(group ?? "ENDPOINT_GROUP_ARN_\(region)") --traffic-dial-percentage \(dial)"))
            }
        }
        // Route 53 fails over by itself when the primary's health check fails. Forcing it by inverting that check
        // is printed only while the check reads healthy (inverting a failed check would send users back to the
        // dead primary) and never beside ARC (the check is then ARC's routing-control check: the ARC step moves it).
        if let name = pair.routing.route53, pair.routing.arc == nil {
            let primary = routes.first { $0.kind == .route53 && $0.region == from }
            if primary?.healthy == false {
                steps.append(RunbookStep(
                    title: "Route 53: the primary's health check already fails, so \(name.name) has failed over by itself; "
                        + "do not invert it (that would send users back to \(from)). Check that the SECONDARY answers",
                    command: "aws route53 list-resource-record-sets --region us-east-1 --hosted-zone-id \(name.zoneID) "
                        + "--query \"ResourceRecordSets[?Name=='\(name.name)']\""))
            } else {
                let check = primary?.healthCheckID
                steps.append(RunbookStep(
                    title: "Route 53 fails \(name.name) over by itself when the primary's health check fails; to force it, "
                        + "invert that health check (undo with --no-inverted)"
                        + (check == nil ? " (its ID was not read: aws route53 list-resource-record-sets --hosted-zone-id \(name.zoneID))" : "")
                        + controlPlaneWarning("us-east-1", from),
                    command: "aws route53 update-health-check --region us-east-1 --health-check-id \(check ?? "HEALTH_CHECK_ID") --inverted"))
            }
        }
        return steps
    }

    /// A warning when the control plane a step calls lives in the region being failed away from.
    private static func controlPlaneWarning(_ controlRegion: String, _ failing: String) -> String {
        controlRegion == failing ? " — its API is served from \(controlRegion), the region you fail away from: "
            + "if it does not answer, the step cannot be done now" : ""
    }
}
