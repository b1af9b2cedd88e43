"""Open a store in a fresh process and answer one query; print the seconds as JSON."""

import json
import sys
import time

if __name__ == "__main__":
    start = time.perf_counter()
    from graph.query import run_query
    from graph.store import open_dataset

    dataset = open_dataset(sys.argv[1])
    run_query(dataset, "SELECT (COUNT(*) AS ?n) WHERE { ?p a ig:Plan }")
    print(json.dumps({"seconds": time.perf_counter() - start}))
