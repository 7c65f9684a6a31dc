"""drtop's replication lab, as a package: moto's S3, CloudWatch, SQS and STS behind one loopback port per region,
with what AWS does that moto does not. `python3 lab/drtoplab.py` runs it (drlab.server.main); a room per concern:

    world.py        World: all the lab's own state (replication per version, faults in force, accounts, the
                    request audit) and its lock; moto's stores reached through it (world.s3(), world.cloudwatch())
    motopatches.py  every patch of moto's classes, installed by apply(world), never on import
    rules.py        reading replication configurations (prefix, destination, V1/V2, RTC, matching rules)
    replicator.py   the replicator thread (PENDING -> COMPLETED/REPLICA/FAILED) and seeding old versions
    events.py       S3's s3:Replication:* event notifications to SQS
    metrics.py      the metrics publisher thread (the four AWS/S3 replication metrics)
    operations.py   which AWS API a request calls (S3 REST routes, Query Action, JSON X-Amz-Target)
    audit.py        request counts by client, kind, region and API
    gate.py         a region endpoint's WSGI front: faults, denied APIs, the stand-ins below, S3's refusals moto
                    does not make
    mrap.py         S3 Multi-Region Access Points' routes (GetMultiRegionAccessPointRoutes, Submit...)
    arc.py          Route 53 ARC: the cluster's five endpoints (routing controls) and DescribeCluster
    accelerator.py  Global Accelerator's accelerators, listeners and endpoint groups
    backup.py       AWS Backup's recovery points, jobs and protected resources of a bucket
    control.py      the control API (--control-port)
    server.py       arguments, the region endpoints and ARC's cluster endpoints, main()
    faultproxy.py   the fault-injecting proxy (lab/faultproxy.py runs it)
    wire.py         AWS wire details the lab's own answers share (times, request IDs, error answers)

Importing the package or any module changes nothing in moto; only motopatches.apply does."""
