"""chrono: merge multi-agency child-protection chronologies.

The pipeline, stage by stage (one sub-package each)::

    read -> normalise -> merge -> detect -> report

>>> from chrono import merge_case
>>> # chronology = merge_case(["case_folder"], outdir="out")
"""

__version__ = "0.1.0"

__all__ = ["merge_case", "build_chronology"]


def __getattr__(name: str):
    """``merge_case`` and ``build_chronology`` on first use: importing ``chrono`` (as every
    command does, ``chrono --help`` included) must not import the pipeline and its dependencies."""
    if name in __all__:
        from chrono import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'chrono' has no attribute {name!r}")
