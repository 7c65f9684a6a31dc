import DRCore
import DRFrontDoor
import DRWire
import Foundation
import Testing

@Suite struct ConfigLoaderTests {
    static let good = """
        # drtop
        profile = "prod"
        refresh = "5s"
        rpo = "10m"

        [thresholds]
        warning = 40
        breach = 90
        stale_after = "5m"

        [regions.us-west-2]
        endpoint = "http://127.0.0.1:5000"

        [[pair]]
        name = "assets"
        primary = { bucket = "assets-use1", region = "us-east-1" }
        secondary = { bucket = "assets-usw2", region = "us-west-2" }
        strategy = "warm-standby"

        [[pair]]
        name = "logs"
        primary = { bucket = "logs.example-use1", region = "us-east-1" }
        secondary = { bucket = "logs-usw2", region = "us-west-2" }
        rpo = 120
        strategy = "pilot-light"

        [[pair]]
        name = "plain"
        primary = { bucket = "plain-a", region = "eu-west-1" }
        secondary = { bucket = "plain-b", region = "eu-central-1" }
        """

    @Test func readsEverything() throws {
        let config = try ConfigLoader.parse(Self.good, path: "drtop.toml")
        #expect(config.profile == "prod")
        #expect(config.refreshSeconds == 5)
        #expect(config.thresholds.warningShare == 0.4 && config.thresholds.breachShare == 0.9)
        #expect(config.thresholds.staleAfterSeconds == 300)
        #expect(config.endpoints["us-west-2"]?.absoluteString == "http://127.0.0.1:5000")
        #expect(config.pairs.map(\.name) == ["assets", "logs", "plain"])
        #expect(config.pairs[0].rpoSeconds == DRStrategy.warmStandby.defaultRPOSeconds, "strategy sets the default")
        #expect(config.pairs[1].rpoSeconds == 120, "an explicit RPO wins")
        #expect(config.pairs[2].rpoSeconds == 600, "the file's default RPO")
        #expect(config.pairs[2].primary == Bucket(name: "plain-a", region: "eu-west-1"))
    }

    /// Each broken file gives one line naming the file, the line and the key.
    @Test(arguments: [
        ("refresh = \"5s\"\nbogus = 1\n[[pair]]\nname = \"x\"", "c.toml:2: bogus: unknown key"),
        ("refresh = true\n", "c.toml:1: refresh: bool is not a duration"),
        ("refresh = 5s\n", "c.toml:1: refresh: '5s' is not a valid TOML value (refresh takes a duration in quotes, "
            + "e.g. refresh = \"60s\"); TOML: Error while parsing decimal integer: expected digit, saw 's'"),
        ("[thresholds]\nwarning = fifty # percent\n", "c.toml:2: warning: 'fifty' is not a valid TOML value (warning "
            + "takes a number, the percent of the RPO, e.g. warning = 50); TOML: Error while parsing boolean: expected 'false', saw 'fi'"),
        ("refresh = \"5x\"\n", "c.toml:1: refresh: '5x' is not a duration"),
        ("[[pair]]\nprimary = { bucket = \"a-1\", region = \"us-east-1\" }\nsecondary = { bucket = \"b-1\", region = \"us-west-2\" }\n",
         "c.toml:1: pair[1].name: missing"),
        ("[[pair]]\nname = \"p\"\nprimary = { bucket = \"a-1\", region = \"us-east-1\" }\n",
         "c.toml:1: pair[1].secondary: missing"),
        ("[[pair]]\nname = \"p\"\nprimary = { bucket = \"same\", region = \"us-east-1\" }\nsecondary = { bucket = \"same\", region = \"us-west-2\" }\n",
         "c.toml:4: pair[1].secondary: both sides are bucket 'same'"),
        ("[[pair]]\nname = \"p\"\nprimary = { bucket = \"a-1\", region = \"useast1\" }\nsecondary = { bucket = \"b-1\", region = \"us-west-2\" }\n",
         "c.toml:3: pair[1].primary.region: 'useast1' is not a region name"),
        ("[[pair]]\nname = \"p\"\nrpo = \"soon\"\nprimary = { bucket = \"a-1\", region = \"us-east-1\" }\nsecondary = { bucket = \"b-1\", region = \"us-west-2\" }\n",
         "c.toml:3: pair[1].rpo: 'soon' is not a duration"),
        ("[[pair]]\nname = \"p\"\nprimary = { bucket = \"a-1\", region = \"us-east-1\" }\nsecondary = { bucket = \"b-1\", region = \"us-west-2\" }\n[[pair]]\nname = \"p\"\nprimary = { bucket = \"c-1\", region = \"us-east-1\" }\nsecondary = { bucket = \"d-1\", region = \"us-west-2\" }\n",
         "c.toml:6: pair[2].name: duplicate pair name 'p'"),
        ("[[pair]]\nname = \"p\"\nstrategy = \"yolo\"\nprimary = { bucket = \"a-1\", region = \"us-east-1\" }\nsecondary = { bucket = \"b-1\", region = \"us-west-2\" }\n",
         "c.toml:3: pair[1].strategy: 'yolo' is not one of"),
        ("[[pair]]\nname = \"p\"\nprimary = { bucket = \"A_B\", region = \"us-east-1\" }\nsecondary = { bucket = \"b-1\", region = \"us-west-2\" }\n",
         "c.toml:3: pair[1].primary.bucket: 'A_B' is not a valid S3 bucket name"),
        ("[[pair]]\nname = \"p\"\nprimary = { bucket = \"a-1\", region = \"us-east-1\", colour = \"red\" }\nsecondary = { bucket = \"b-1\", region = \"us-west-2\" }\n",
         "c.toml:3: pair[1].primary.colour: unknown key"),
        ("[[pair]]\nname = \"p\"\nprimary = { bucket = \"a-1\", region = \"us-east-1\", events = \"queue\" }\nsecondary = { bucket = \"b-1\", region = \"us-west-2\" }\n",
         "c.toml:3: pair[1].primary.events: 'queue' is not an SQS queue URL"),
        ("[[pair]]\nname = \"p\"\nprimary = { bucket = \"a-1\", region = \"us-east-1\", events = \"https://sqs.eu-west-1.amazonaws.com/1/q\" }\nsecondary = { bucket = \"b-1\", region = \"us-west-2\" }\n",
         "c.toml:3: pair[1].primary.events: the queue is not in us-east-1"),
        ("[regions.us-west-2]\nendpoint = \"ftp://x\"\n", "c.toml:2: regions.us-west-2.endpoint: 'ftp://x' is not an http(s) URL"),
        ("[thresholds]\nwarning = 90\nbreach = 50\n", "c.toml:2: thresholds.warning: warning must be above 0"),
        ("name = = 3\n", "c.toml:1: "),
        // Found by fuzzing: toml++ asserted (abort) on these instead of reporting them.
        ("[= \"a-1\", region = \"us-east-1\" }\n", "c.toml:1: table header: expected a table name after '[', saw '='"),
        ("refresh = \"2s\"\n[[ =\n", "c.toml:2: table header: expected a table name after '[', saw '='"),
        ("[[\n", "c.toml:1: table header: expected a table name after '['"),
        ("", "c.toml: no [[pair]] configured"),
        ("refresh = \"2s\"\n", "c.toml: no [[pair]] configured"),
        ("pair = 3\n", "c.toml:1: pair: expected [[pair]] tables"),
        ("\u{0}\u{1}binary", "c.toml: binary data"),
    ])
    func badFiles(text: String, expected: String) {
        do {
            _ = try ConfigLoader.parse(text, path: "c.toml")
            Issue.record("accepted: \(text)")
        } catch let error as ConfigError {
            #expect(error.description.hasPrefix(expected), "\(error.description)")
            #expect(!error.description.contains("\n"), "one line")
        } catch {
            Issue.record("unexpected error type: \(error)")
        }
    }

    static let pairHead = "[[pair]]\nname = \"p\"\nprimary = { bucket = \"a-1\", region = \"us-east-1\" }\n"
        + "secondary = { bucket = \"b-1\", region = \"us-west-2\" }\n"
    static let mrap = "arn:aws:s3::123456789012:accesspoint/mfzwi23gnjvgw.mrap"
    static let cluster = "arn:aws:route53-recovery-control::123456789012:cluster/4b2a"
    static let control = "arn:aws:route53-recovery-control::123456789012:controlpanel/abc/routingcontrol/def"
    static let accelerator = "arn:aws:globalaccelerator::123456789012:accelerator/1234abcd-abcd-1234-abcd-1234abcdefgh"

    /// Issue 15's keys: rto, [pair.routing] (Route 53 name, MRAP, ARC controls, accelerator) and [pair.backup].
    @Test func readsRoutingBackupAndRTO() throws {
        let text = """
            [[pair]]
            name = "assets"
            primary = { bucket = "assets-use1", region = "us-east-1" }
            secondary = { bucket = "assets-usw2", region = "us-west-2" }
            strategy = "pilot-light"
            rto = "15m"
            [pair.routing]
            route53 = { zone_id = "Z0123456789", name = "Assets.example.com" }
            mrap = "\(Self.mrap)"
            arc = { cluster = "\(Self.cluster)", controls = { "us-east-1" = "\(Self.control)", "us-west-2" = "\(Self.control)2" } }
            accelerator = "\(Self.accelerator)"
            [pair.backup]
            vault = "prod-vault"

            [[pair]]
            name = "plain"
            primary = { bucket = "plain-a", region = "eu-west-1" }
            secondary = { bucket = "plain-b", region = "eu-central-1" }
            strategy = "backup-and-restore"
            """
        let config = try ConfigLoader.parse(text, path: "c.toml")
        let assets = config.pairs[0]
        #expect(assets.rtoSeconds == 900)
        #expect(assets.routing.route53 == PairRouting.Route53Name(zoneID: "Z0123456789", name: "assets.example.com."))
        #expect(assets.routing.mrapARN == Self.mrap)
        #expect(assets.routing.arc?.clusterARN == Self.cluster)
        #expect(assets.routing.arc?.controls == ["us-east-1": Self.control, "us-west-2": Self.control + "2"])
        #expect(assets.routing.acceleratorARN == Self.accelerator)
        #expect(assets.backupVault == "prod-vault")
        let plain = config.pairs[1]
        #expect(plain.rtoSeconds == nil && plain.routing.isEmpty && plain.backupVault == nil)
    }

    /// Each broken routing, backup or RTO key gives one line naming the file, the line and the key.
    @Test(arguments: [
        ("rto = 0\n", "c.toml:5: pair[1].rto: must be above zero"),
        ("rto = \"soon\"\n", "c.toml:5: pair[1].rto: 'soon' is not a duration"),
        ("routing = 3\n", "c.toml:5: pair[1].routing: expected a table"),
        ("[pair.routing]\ncolour = \"red\"\n", "c.toml:6: pair[1].routing.colour: unknown key"),
        ("[pair.routing]\nmrap = 5\n", "c.toml:6: pair[1].routing.mrap: expected a string, found integer"),
        ("[pair.routing]\nmrap = \"arn:aws:s3:::bucket-a\"\n",
         "c.toml:6: pair[1].routing.mrap: 'arn:aws:s3:::bucket-a' is not a Multi-Region Access Point ARN"),
        ("[pair.routing]\nmrap = \"\(accelerator)\"\n", "c.toml:6: pair[1].routing.mrap: '\(accelerator)' is not a Multi-Region"),
        ("[pair.routing]\naccelerator = \"\(mrap)\"\n",
         "c.toml:6: pair[1].routing.accelerator: '\(mrap)' is not a Global Accelerator ARN"),
        ("[pair.routing]\nroute53 = { zone_id = \"Z1\" }\n", "c.toml:6: pair[1].routing.route53.name: missing"),
        ("[pair.routing]\nroute53 = { zone_id = \"z 1\", name = \"a.example.com\" }\n",
         "c.toml:6: pair[1].routing.route53.zone_id: 'z 1' is not a hosted zone ID"),
        ("[pair.routing]\nroute53 = { zone_id = \"Z1\", name = \"a..b\" }\n",
         "c.toml:6: pair[1].routing.route53.name: 'a..b' is not a DNS name"),
        ("[pair.routing]\nroute53 = { zone_id = \"Z1\", name = \"a.b\", ttl = 3 }\n",
         "c.toml:6: pair[1].routing.route53.ttl: unknown key"),
        ("[pair.routing]\narc = { cluster = \"\(control)\", controls = { \"us-east-1\" = \"\(control)\" } }\n",
         "c.toml:6: pair[1].routing.arc.cluster: '\(control)' is not an ARC cluster ARN"),
        ("[pair.routing]\narc = { cluster = \"\(cluster)\", controls = { \"eu-west-1\" = \"\(control)\" } }\n",
         "c.toml:6: pair[1].routing.arc.controls.eu-west-1: 'eu-west-1' is not one of the pair's regions (us-east-1, us-west-2)"),
        ("[pair.routing]\narc = { cluster = \"\(cluster)\", controls = { \"us-east-1\" = \"\(cluster)\" } }\n",
         "c.toml:6: pair[1].routing.arc.controls.us-east-1: '\(cluster)' is not a routing control ARN"),
        ("[pair.routing]\narc = { cluster = \"\(cluster)\" }\n", "c.toml:6: pair[1].routing.arc.controls: missing"),
        ("[pair.routing]\narc = { cluster = \"\(cluster)\", controls = { \"us-east-1\" = 1 } }\n",
         "c.toml:6: pair[1].routing.arc.controls.us-east-1: expected a routing control ARN in quotes"),
        ("[pair.backup]\nvault = \"a b\"\n", "c.toml:6: pair[1].backup.vault: 'a b' is not a backup vault name"),
        ("[pair.backup]\nbucket = \"x\"\n", "c.toml:6: pair[1].backup.bucket: unknown key"),
        ("backup = \"vault\"\n", "c.toml:5: pair[1].backup: expected a table"),
    ])
    func badRoutingFiles(tail: String, expected: String) {
        do {
            _ = try ConfigLoader.parse(Self.pairHead + tail, path: "c.toml")
            Issue.record("accepted: \(tail)")
        } catch let error as ConfigError {
            #expect(error.description.hasPrefix(expected), "\(error.description)")
            #expect(!error.description.contains("\n"), "one line")
        } catch {
            Issue.record("unexpected error type: \(error)")
        }
    }

    /// A second pair's [pair.routing] error names that pair and the line in its own table.
    @Test func aSecondPairsRoutingErrorNamesItsLine() {
        let text = Self.pairHead + "[pair.routing]\nmrap = \"\(Self.mrap)\"\n"
            + Self.pairHead.replacingOccurrences(of: "\"p\"", with: "\"q\"").replacingOccurrences(of: "a-1", with: "c-1")
                .replacingOccurrences(of: "b-1", with: "d-1")
            + "[pair.routing]\nmrap = \"nope\"\n"
        #expect(throws: ConfigError("c.toml:12: pair[2].routing.mrap: 'nope' is not a Multi-Region Access Point ARN "
                                    + "(arn:aws:s3::ACCOUNT:accesspoint/ALIAS.mrap)")) {
            try ConfigLoader.parse(text, path: "c.toml")
        }
    }

    @Test func missingAndUnreadableFiles() {
        #expect(throws: ConfigError("/nonexistent/drtop.toml: no such file")) {
            try ConfigLoader.load(path: "/nonexistent/drtop.toml")
        }
    }

    /// A store names its regions as it likes ("europe": a Ceph zonegroup's api name); AWS's naming rules apply
    /// only where the endpoint is AWS's.
    @Test func aStoresOwnRegionNameNeedsTheStoresEndpoint() throws {
        let pair = "[[pair]]\nname = \"p\"\nprimary = { bucket = \"a-1\", region = \"europe\" }\n"
            + "secondary = { bucket = \"b-1\", region = \"eu-west-3\" }\n"
        let config = try ConfigLoader.parse("[regions.europe]\nendpoint = \"http://127.0.0.1:8000\"\n" + pair,
                                            path: "c.toml")
        #expect(config.endpoints["europe"]?.absoluteString == "http://127.0.0.1:8000")
        #expect(config.pairs.first?.primary.region == "europe")
        #expect(try ConfigLoader.parse("discover = true\n[regions.default]\nendpoint = \"http://rgw:80\"\n", path: "c.toml")
            .endpoints["default"] != nil)
        let cases: [(String, String)] = [
            (pair, "c.toml:3: pair[1].primary.region: 'europe' is not a region name (like us-east-1); for an "
                + "S3-compatible store's region, give it [regions.europe] endpoint = \"https://…\""),
            ("[regions.europe]\n", "c.toml:1: regions.europe: 'europe' is not an AWS region name (like us-east-1); "
                + "for an S3-compatible store's region, give its endpoint"),
            ("[regions.europe]\nendpoint = \"https://s3.eu-west-3.amazonaws.com\"\n",
             "c.toml:1: regions.europe: 'europe' is not an AWS region name"),
            ("[regions.\"eu rope\"]\nendpoint = \"http://127.0.0.1:8000\"\n",
             "c.toml: regions.eu rope: 'eu rope' is not a region name (like us-east-1, or a store's own name"),
        ]
        for (text, expected) in cases {
            do {
                _ = try ConfigLoader.parse(text, path: "c.toml")
                Issue.record("accepted: \(text)")
            } catch {
                #expect("\(error)".hasPrefix(expected), "\(error)")
            }
        }
        #expect(RegionName.isAWSHost(URL(string: "https://s3.cn-north-1.amazonaws.com.cn")!))
        #expect(!RegionName.isAWSHost(URL(string: "https://notamazonaws.com")!))
        #expect(AWSEndpoints(regionOverrides: ["europe": URL(string: "http://rgw:80")!]).isAWS(.s3, region: "europe") == false)
        #expect(AWSEndpoints().isAWS(.s3, region: "eu-west-3"))
    }

    @Test func regionNames() {
        for good in ["us-east-1", "ap-southeast-2", "us-gov-west-1", "cn-north-1", "eu-central-2", "il-central-1"] {
            #expect(RegionName.isValid(good), "\(good)")
        }
        for bad in ["", "us-east", "US-EAST-1", "useast1", "us--1", "us-east-x", "u-east-1"] {
            #expect(!RegionName.isValid(bad), "\(bad)")
        }
    }
}
