"""Build one corpus into one store and print JSON figures (a child of scale.py, for clean memory figures)."""

import json
import resource
import sys
import time
from pathlib import Path

from graph.analyse import keep_entity_network
from graph.pipeline import build_store
from graph.query import count_triples
from graph.store import open_store

if __name__ == "__main__":
    corpus, store, jobs = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    start = time.perf_counter()
    report = build_store(store, [corpus], jobs=jobs)
    dataset = open_store(store)
    seconds = time.perf_counter() - start
    # high-water marks: the workers run during the build only, the network step after them
    main_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    kept = time.perf_counter()
    keep_entity_network(dataset, store)  # what `innograph build --store` does last, for the explorer
    network_seconds = time.perf_counter() - kept
    network_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    files = list(corpus.glob("*.txt"))
    print(json.dumps({
        "plans": len(files), "mb": sum(f.stat().st_size for f in files) / 1e6, "seconds": seconds,
        "network_seconds": network_seconds, "network_mb": network_mb,
        "triples": count_triples(dataset), "main_mb": main_mb, "worker_mb": worker_mb,
        "peak_mb": max(main_mb + worker_mb * max(1, jobs), network_mb), "report": str(report),
    }))
