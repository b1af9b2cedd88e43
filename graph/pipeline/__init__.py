"""Pipeline: plans in, a published store out, every stage run in its order.

``plans`` runs ingest → extract → resolve → build for one plan in a worker; ``update`` brings
a store (a folder, memory, an endpoint) to exactly the plans under some paths, incrementally
and as one transaction; ``uploads`` holds the explorer's builds (the bundled plans' store,
plans a user adds). May import every stage up to ``query`` (for the summaries kept with a
store); only the CLI and the app import it.
"""

from ..build import plan_graph_iri
from .plans import BuildError, PlanBuild, build_plan_file, extract_plans, map_plan_files
from .update import BuildReport, build_plans, build_store, update_store
from .uploads import UPLOADS, AddedPlans, add_plans, default_graph

__all__ = ["UPLOADS", "AddedPlans", "BuildError", "BuildReport", "PlanBuild", "add_plans", "build_plan_file", "build_plans",
           "build_store", "default_graph", "extract_plans", "map_plan_files", "plan_graph_iri", "update_store"]
