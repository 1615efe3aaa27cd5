"""Beyond one machine: the per-article stages mapped over input partitions on a Dask cluster.

Each partition (one input file) is read, processed by the same `newstide.ingest.run.process` the
single-process ingest uses, and written as Parquet parts, one per table, into a dataset folder
(``DIR/<table>/part-<partition>.parquet``, a local path or any fsspec URL). Story ids need one
global order, so they are assigned in a final single step over the written signatures
(``DIR/stories/part-final.parquet``). DuckDB then reads the dataset where it lies
(`newstide.scale.dataset.open_dataset`, ``newstide --db DIR ...``) or loads it into a store file
(`newstide.scale.dataset.load_dataset`, ``newstide --db FILE load DIR``).
"""

from newstide.scale.cluster import DatasetReport, ingest_dataset
from newstide.scale.dataset import load_dataset, open_dataset

__all__ = ["DatasetReport", "ingest_dataset", "load_dataset", "open_dataset"]
