#!/usr/bin/env python3
"""drtop's two-region replication lab: moto's S3 + CloudWatch behind one loopback port per region, plus a
replicator that enacts S3 replication from the buckets' own replication configurations, and fault controls.

usage: drtoplab.py [--east-port 5001] [--west-port 5002] [--control-port 5009] [--delay 2] [--bandwidth 0]
                   [--metrics-period 60] [--tick 0.2] [--rtc-threshold 900] [--account KEY=ACCOUNT]
                   [--list-buckets-without-region]

The lab is the package beside this script, lab/drlab/ (drlab/server.py documents what it enacts and its
controls; lab/README.md the layout); this script only runs it."""
from drlab.server import main

if __name__ == "__main__":
    main()
