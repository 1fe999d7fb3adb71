"""Grading: run code on a problem's tests through the executor and score the outcome.

The program is compiled once and run on every test in one ``Executor.run_batch`` call.
Each test gets a verdict: the sandbox's own when the run failed (``time_limit``,
``runtime_error``...), else ``accepted`` or ``wrong_answer`` from the problem's comparator.
The overall verdict is the worst one by display priority (as in DMOJ:
IE > TLE > MLE > OLE > RTE > WA > AC), or ``compile_error``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coderoom.core.errors import InvalidInput
from coderoom.execution import service as execution_service
from coderoom.problems.comparators import ComparatorKind, outputs_match
from coderoom.problems.models import Problem, TestCase

# Worst first. Unknown statuses (a newer sandbox) rank just after internal_error.
VERDICT_PRIORITY = (
    "internal_error",
    "time_limit",
    "memory_limit",
    "output_limit",
    "runtime_error",
    "wrong_answer",
    "accepted",
)
KEPT_OUTPUT_CHARS = 4096  # of each test's stdout/stderr in a stored submission


@dataclass(frozen=True)
class TestOutcome:
    """How the program did on one test."""

    position: int
    is_sample: bool
    weight: int
    verdict: str
    time_ms: int
    memory_kb: int
    stdout: str
    stderr: str


@dataclass(frozen=True)
class Judgement:
    """The graded outcome of running code on a list of tests."""

    verdict: str
    compile_output: str
    outcomes: list[TestOutcome]

    @property
    def passed(self) -> int:
        """Tests accepted."""
        return sum(o.verdict == "accepted" for o in self.outcomes)

    @property
    def hidden_passed(self) -> int:
        """Hidden tests accepted."""
        return sum(o.verdict == "accepted" for o in self.outcomes if not o.is_sample)

    @property
    def hidden_total(self) -> int:
        """Hidden tests run."""
        return sum(not o.is_sample for o in self.outcomes)

    @property
    def score(self) -> float:
        """Accepted weight over total weight, in percent (0 when nothing ran)."""
        total = sum(o.weight for o in self.outcomes)
        won = sum(o.weight for o in self.outcomes if o.verdict == "accepted")
        return round(100.0 * won / total, 2) if total else 0.0

    @property
    def time_ms(self) -> int:
        """The slowest test's wall time."""
        return max((o.time_ms for o in self.outcomes), default=0)

    @property
    def memory_kb(self) -> int:
        """The hungriest test's peak memory."""
        return max((o.memory_kb for o in self.outcomes), default=0)


def _rank(verdict: str) -> int:
    return VERDICT_PRIORITY.index(verdict) if verdict in VERDICT_PRIORITY else 0


def worst_verdict(verdicts: Sequence[str]) -> str:
    """The verdict that wins by display priority (``accepted`` for none)."""
    return min(verdicts, key=_rank, default="accepted")


def _outcome(
    problem: Problem, test: TestCase, run: execution_service.RunResult | None
) -> TestOutcome:
    if run is None:
        verdict, time_ms, memory_kb, stdout, stderr = "internal_error", 0, 0, "", ""
    else:
        time_ms, memory_kb, stdout, stderr = run.time_ms, run.memory_kb, run.stdout, run.stderr
        verdict = run.status
        if run.status == "ok":
            kind: ComparatorKind = problem.comparator  # type: ignore[assignment]
            matched = outputs_match(
                kind, test.expected_stdout, run.stdout, tolerance=problem.float_tolerance
            )
            verdict = "accepted" if matched else "wrong_answer"
    return TestOutcome(
        position=test.position,
        is_sample=test.is_sample,
        weight=test.weight,
        verdict=verdict,
        time_ms=time_ms,
        memory_kb=memory_kb,
        stdout=stdout[:KEPT_OUTPUT_CHARS],
        stderr=stderr[:KEPT_OUTPUT_CHARS],
    )


async def judge(
    executor: execution_service.Executor,
    problem: Problem,
    tests: Sequence[TestCase],
    *,
    language: str,
    code: str,
) -> Judgement:
    """Compile ``code`` once, run it on every test, and grade each run.

    Args:
        executor: the process's executor.
        problem: gives the limits and the comparator.
        tests: the tests to run, in order.
        language: a language id known to the executor.
        code: the program.

    Returns:
        The per-test outcomes and the overall verdict.

    Raises:
        InvalidInput: no tests to run, unknown or unavailable language.
        PayloadTooLarge: code over the executor's limit.
        RateLimited: every sandbox is busy.
    """
    if not tests:
        raise InvalidInput("This problem has no tests to run.", code="no_tests")
    batch = await executor.run_batch(
        language,
        code,
        [t.stdin for t in tests],
        time_limit_s=problem.time_limit_s,
        memory_mb=problem.memory_mb,
    )
    compiled = batch.compile
    compile_output = (compiled.stderr or compiled.stdout) if compiled else ""
    if compiled is not None and compiled.status != "ok":
        verdict = "internal_error" if compiled.status == "internal_error" else "compile_error"
        outcomes = [
            TestOutcome(t.position, t.is_sample, t.weight, verdict, 0, 0, "", "") for t in tests
        ]
        return Judgement(verdict, compile_output[:KEPT_OUTPUT_CHARS], outcomes)
    runs: list[execution_service.RunResult | None] = list(batch.runs)
    runs += [None] * (len(tests) - len(runs))
    outcomes = [_outcome(problem, t, r) for t, r in zip(tests, runs, strict=False)]
    return Judgement(
        worst_verdict([o.verdict for o in outcomes]),
        compile_output[:KEPT_OUTPUT_CHARS],
        outcomes,
    )
