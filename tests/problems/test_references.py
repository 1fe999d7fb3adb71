"""Every built-in problem through the real sandbox: all four reference solutions pass every
test, the deliberately naive or wrong solution fails at least one hidden test, and the
starter code of every language builds and runs.

Each case is one ``run_batch`` (compile once, run every test), exactly as a submission is
graded, so these also measure what a candidate's Submit costs.
"""

from __future__ import annotations

import time

import anyio
import pytest

from coderoom.execution.backends import LocalBackend
from coderoom.execution.service import Executor
from coderoom.problems import models
from coderoom.problems.judge import Judgement, judge
from coderoom.problems.loader import LibraryProblem, load_library_blocking
from coderoom.settings import Settings

pytestmark = [pytest.mark.anyio, pytest.mark.sandbox, pytest.mark.timeout(660)]

LIBRARY = {p.slug: p for p in load_library_blocking()}
LANGUAGES = ["python", "javascript", "java", "cpp"]


def _problem(library: LibraryProblem) -> tuple[models.Problem, list[models.TestCase]]:
    problem = models.Problem(
        slug=library.slug,
        comparator=library.comparator,
        float_tolerance=library.float_tolerance,
        time_limit_s=library.time_limit_s,
        memory_mb=library.memory_mb,
    )
    tests = [
        models.TestCase(
            position=n,
            stdin=t.stdin,
            expected_stdout=t.expected_stdout,
            is_sample=t.is_sample,
            weight=t.weight,
        )
        for n, t in enumerate(library.tests, 1)
    ]
    return problem, tests


Case = tuple[str, str, str]  # slug, language, which code ("solutions", "wrong", "starter")


KINDS = {
    "test_reference_solution_passes_every_test": "solutions",
    "test_wrong_solution_fails_a_hidden_test": "wrong",
    "test_starter_code_builds_and_runs": "starter",
}


def _selected_cases(request: pytest.FixtureRequest) -> list[Case]:
    cases = []
    for item in request.session.items:
        params = getattr(item, "callspec", None)
        if item.module is request.module and params is not None:
            kind = KINDS[item.originalname]  # type: ignore[attr-defined]
            cases.append((params.params["slug"], params.params.get("language", "python"), kind))
    return cases


@pytest.fixture(scope="module")
async def graded(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[Case, Judgement]:
    """Grade every selected case at once, so all sandbox slots stay busy (one per core)."""
    settings = Settings(
        mode="test",
        var_dir=tmp_path_factory.mktemp("var"),
        secret_key="k" * 40,
        _env_file=None,  # type: ignore[call-arg]
    )
    executor = Executor(settings.sandbox, await LocalBackend.create(settings))
    results: dict[Case, Judgement] = {}
    # Never queue more than the executor has slots: its queue wait is bounded (30 s).
    slots = anyio.Semaphore(executor.concurrency)

    async def grade(case: Case) -> None:
        slug, language, kind = case
        problem, tests = _problem(LIBRARY[slug])
        if kind == "starter":
            tests = tests[:1]  # it only has to build and run, not to pass
        code = getattr(LIBRARY[slug], "starter_code" if kind == "starter" else kind)[language]
        async with slots:
            started = time.monotonic()
            results[case] = await judge(executor, problem, tests, language=language, code=code)
        elapsed = time.monotonic() - started
        print(f"{slug}/{language}/{kind}: {results[case].verdict} {elapsed:.1f}s")  # noqa: T201

    started = time.monotonic()
    try:
        with anyio.fail_after(600):
            async with anyio.create_task_group() as tg:
                for case in _selected_cases(request):
                    tg.start_soon(grade, case)
    finally:
        await executor.aclose()
    print(f"graded {len(results)} cases in {time.monotonic() - started:.1f}s")  # noqa: T201
    return results


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", sorted(LIBRARY))
async def test_reference_solution_passes_every_test(
    graded: dict[Case, Judgement], slug: str, language: str
) -> None:
    judgement = graded[(slug, language, "solutions")]
    failures = [
        (o.position, o.verdict, o.stderr[:200])
        for o in judgement.outcomes
        if o.verdict != "accepted"
    ]
    assert judgement.verdict == "accepted", (judgement.compile_output[:500], failures)
    assert judgement.score == 100.0


@pytest.mark.parametrize("slug", sorted(LIBRARY))
async def test_wrong_solution_fails_a_hidden_test(graded: dict[Case, Judgement], slug: str) -> None:
    judgement = graded[(slug, "python", "wrong")]
    assert judgement.verdict != "compile_error", judgement.compile_output
    hidden_failures = [o for o in judgement.outcomes if not o.is_sample and o.verdict != "accepted"]
    assert hidden_failures, "the wrong solution passed every hidden test"
    assert judgement.score < 100.0


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", sorted(LIBRARY))
async def test_starter_code_builds_and_runs(
    graded: dict[Case, Judgement], slug: str, language: str
) -> None:
    judgement = graded[(slug, language, "starter")]
    assert judgement.verdict in ("wrong_answer", "accepted"), (
        judgement.verdict,
        judgement.compile_output[:500],
        [o.stderr[:200] for o in judgement.outcomes],
    )
