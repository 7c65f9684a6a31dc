#!/usr/bin/env python3
"""A fault-injecting HTTP proxy in front of one lab region endpoint (the soak test's, drtop's fault tests').
It is lab/drlab/faultproxy.py, which documents the faults and the skewed clock; this script only runs it:

    python3 lab/faultproxy.py --upstream 127.0.0.1:5001 --port 6001 --rate 0.2
    python3 lab/faultproxy.py --upstream 127.0.0.1:5001 --port 6001 --fault reset=0.1 --fault timeout=0.05 --hold 5
    python3 lab/faultproxy.py --upstream 127.0.0.1:5001 --port 6001 --rate 0 --skew 3600"""
from drlab.faultproxy import main

if __name__ == "__main__":
    main()
