"""The Executor over the real sandbox: every language, concurrency, batches, isolation."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import anyio
import pytest

from coderoom.execution.backends import LocalBackend
from coderoom.execution.sandbox.languages import LANGUAGES, SELF_TEST_STDIN, SELF_TEST_STDOUT
from coderoom.execution.service import Executor, RunRequest
from coderoom.settings import Settings

pytestmark = [pytest.mark.anyio, pytest.mark.sandbox]


@pytest.fixture
async def executor(tmp_path: Path) -> AsyncIterator[Executor]:
    """An executor with two sandboxes, no database needed."""
    settings = Settings(
        mode="test",
        var_dir=tmp_path / "var",
        secret_key="k" * 40,
        _env_file=None,  # type: ignore[call-arg]
    )
    settings.sandbox.concurrency = 2
    executor = Executor(settings.sandbox, await LocalBackend.create(settings))
    yield executor
    await executor.aclose()


@pytest.mark.parametrize("language", list(LANGUAGES))
async def test_correct_program_gives_exact_stdout(executor: Executor, language: str) -> None:
    definition = LANGUAGES[language]
    result = await executor.run(RunRequest(language, definition.self_test, SELF_TEST_STDIN))
    assert result.status == "ok", result
    assert result.stdout == SELF_TEST_STDOUT
    assert result.stderr == ""


async def test_many_parallel_runs_all_finish_correctly(executor: Executor) -> None:
    code = "n = int(input()); print(sum(range(n)))"
    results: dict[int, str] = {}

    async def one(n: int) -> None:
        results[n] = (await executor.run(RunRequest("python", code, f"{n}\n"))).stdout

    async with anyio.create_task_group() as tg:
        for n in range(12):
            tg.start_soon(one, n)
    assert results == {n: f"{sum(range(n))}\n" for n in range(12)}


async def test_batch_compiles_once_and_runs_each_input(executor: Executor) -> None:
    code = '#include <stdio.h>\nint main(void){int a,b;scanf("%d %d",&a,&b);printf("%d\\n",a+b);}'
    batch = await executor.run_batch("c", code, ["1 2", "40 2", "-5 5"])
    assert batch.compile is not None
    assert batch.compile.status == "ok"
    assert [r.stdout for r in batch.runs] == ["3\n", "42\n", "0\n"]


async def test_batch_with_compile_error_has_no_runs(executor: Executor) -> None:
    batch = await executor.run_batch("cpp", "int main( {", ["1", "2"])
    assert batch.compile is not None
    assert batch.compile.status == "compile_error"
    assert "error" in batch.compile.stderr
    assert batch.runs == []
    single = await executor.run(RunRequest("cpp", "int main( {"))
    assert single.status == "compile_error"


async def test_concurrent_run_cannot_read_another_runs_files(executor: Executor) -> None:
    writer = (
        "import time\nopen('/box/secret.txt','w').write('top-secret')\n"
        "open('/tmp/secret.txt','w').write('top-secret')\ntime.sleep(1.5)\nprint('wrote')"
    )
    snooper = (
        "import glob, time\ntime.sleep(0.5)\n"
        "hits = [p for pat in ('/box/**','/tmp/**','/dev/shm/**','/proc/*/root/box/*')"
        " for p in glob.glob(pat, recursive=True) if 'secret' in p]\nprint(hits)"
    )
    results = {}

    async def run(name: str, code: str) -> None:
        results[name] = await executor.run(RunRequest("python", code))

    async with anyio.create_task_group() as tg:
        tg.start_soon(run, "writer", writer)
        tg.start_soon(run, "snooper", snooper)
    assert results["writer"].stdout == "wrote\n"
    assert results["snooper"].stdout == "[]\n"


async def test_back_to_back_runs_with_children_never_run_out_of_processes(
    executor: Executor,
) -> None:
    # Orphans of a run are reaped by the launcher (a child subreaper); before that, 177 of
    # 300 such runs failed with "Can't fork" at the 64-process limit.
    code = (
        "import os, time\nfor _ in range(30):\n    if os.fork() == 0:\n"
        "        time.sleep(5)\n        os._exit(0)\nprint('forked')"
    )
    for _ in range(60):
        result = await executor.run(RunRequest("python", code))
        assert (result.status, result.stdout) == ("ok", "forked\n"), result


async def test_caller_may_lower_but_not_raise_limits(executor: Executor) -> None:
    sleeper = "import time; time.sleep(30)"
    result = await executor.run(RunRequest("python", sleeper, time_limit_s=0.5))
    assert result.status == "time_limit"
    assert result.time_ms < 4000  # killed at the 2 s wall limit derived from 0.5 s CPU
    bomb = "b = []\nwhile True: b.append(bytearray(8 << 20))"
    raised = await executor.run(RunRequest("python", bomb, memory_mb=100_000))
    assert raised.status == "memory_limit"
    assert raised.memory_kb <= 256 * 1024 + 1024
