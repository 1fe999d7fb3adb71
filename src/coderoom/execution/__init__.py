"""Execution domain – language registry, sandbox, run queue, verdicts."""
