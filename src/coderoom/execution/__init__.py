"""Code execution - language registry, sandbox, run queue, verdicts."""
