#!/usr/bin/env python3
"""Shares a directory's CPU profile (async-profiler's collapsed stacks, from bin/profile-bench) out by what
each part buys: the crypto, each guarantee (the fsync before "success", the mailbox bookkeeping, the limits
and quotas, the log line, the signature on each reply) and the plumbing around them.

  bin/profile-split.py OUT.collapsed [US_PER_RELAY]

Each stack counts once, for the first rule below whose pattern occurs anywhere in it (so a commit's fsync
counts as the fsync, not as the mailbox write that caused it). With US_PER_RELAY (the bench's "directory
CPU each" for the profiled phase) each share is also given in microseconds per relay.
"""
import re
import sys

RULES = [
    ("fsync before success (COMMIT's fsync)", r"do_fsync|__GI_fsync|fdatasync"),
    ("verify (ECDSA, the sender's signature)", r"Ecdsa\.verify|EcdsaVerifier"),
    ("reply signatures (ECDSA sign)", r"Ecdsa\.sign|ServerIdentity\.sign"),
    ("log line (logback, both appenders)", r"ch/qos/logback|org/slf4j|AsyncAppender"),
    ("limits and quotas", r"RateLimiter|FailedProofs|Quota|SqliteMailbox\.single|ProvenTags"),
    ("user look-ups (sender, recipient)", r"UserStore"),
    ("mailbox bookkeeping (enqueue, remove, backlog, presence)",
     r"SqliteMailbox|PostgresMailbox|Mailroom|HandedOut|Presence|WriteQueue|ReadPool|Correspondents"),
    ("JIT compilers", r"CompileBroker|C2Compiler|C1Compiler"),
    ("GC", r"G1|GCTask|WorkerThread::run|ConcurrentGC|GangWorker"),
    ("nym-client WebSocket (frames in and out)", r"jdk/internal/net/http|NymClientLink|NymClientConnection|"
                                                  r"FrameAssembler|org/java_websocket"),
    ("JSON parse and render", r"fasterxml|nymdir/dialect|mixnet/wire"),
    ("request lanes, threads, pipeline", r"SerialLanes|Pipeline|ForkJoinPool|VirtualThread|Continuation"),
    ("other", r""),
]


def main():
    path = sys.argv[1]
    per_relay = float(sys.argv[2]) if len(sys.argv) > 2 else None
    compiled = [(name, re.compile(p)) for name, p in RULES]
    counts = {name: 0 for name, _ in RULES}
    total = 0
    with open(path) as f:
        for line in f:
            stack, _, n = line.rstrip("\n").rpartition(" ")
            n = int(n)
            total += n
            for name, p in compiled:
                if p.search(stack):
                    counts[name] += n
                    break
    print(f"{'part':58s} {'share':>6s}" + ("  us/relay" if per_relay else ""))
    for name, _ in RULES:
        share = counts[name] / total if total else 0
        extra = f"  {share * per_relay:8.0f}" if per_relay else ""
        print(f"{name:58s} {100 * share:5.1f}%{extra}")
    print(f"{'samples':58s} {total:6d}")


if __name__ == "__main__":
    main()
