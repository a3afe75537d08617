"""The judged query set (``queries.json``) and the metrics the benchmark reports."""
