"""chrono: merge multi-agency child-protection chronologies.

The pipeline, stage by stage (one sub-package each)::

    read -> normalise -> merge -> detect -> report

>>> from chrono import merge_case
>>> # chronology = merge_case(["case_folder"], outdir="out")
"""

__version__ = "0.1.0"

from chrono.pipeline import merge_case, build_chronology  # noqa: E402,F401
