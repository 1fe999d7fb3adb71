"""Execution benchmark (a script, not a test): sandbox and API overhead, throughput.

    .venv/bin/python bench/execution/run.py [--runs 30] [--languages python,c,...]

For each language: median and p95 of a hello-world run step bare (the same command on the
host, empty environment) and in the sandbox, and of a whole job (compile + run) directly
and through the HTTP API, with ratios to bare. Bare and sandboxed steps alternate, as do
direct jobs and API requests, so both sides of each comparison see the same machine state;
the API's cost is the median of the per-pair differences.
Then runs/s of Python hello-world at concurrency 1, 2 and 8, bare and sandboxed (in
alternating bursts). Prints a
Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from asgi_lifespan import LifespanManager

from coderoom.app import create_app
from coderoom.execution.backends import SandboxPool
from coderoom.execution.sandbox.job import Job
from coderoom.execution.sandbox.languages import LANGUAGES, SELF_TEST_STDIN
from coderoom.execution.sandbox.limits import compile_limits, run_limits
from coderoom.migrations import upgrade_blocking
from coderoom.settings import Settings

BURSTS = 4


def stats(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def cpu_ms() -> float:
    """CPU of this thread plus every reaped child: load-independent cost of a run."""
    own = resource.getrusage(resource.RUSAGE_THREAD)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime) * 1000


@dataclass
class Samples:
    """Wall times (ms) of one kind of call, and the CPU they cost in total."""

    wall: list[float] = field(default_factory=list)
    cpu: float = 0.0

    def time(self, func: Callable[[], object]) -> None:
        cpu_start, start = cpu_ms(), time.perf_counter()
        func()
        self.wall.append((time.perf_counter() - start) * 1000)
        self.cpu += cpu_ms() - cpu_start

    def cpu_per_run(self) -> float:
        return self.cpu / len(self.wall)


def slot_cpu_ms(pool: SandboxPool) -> float:
    """CPU of slot 0's init and every run it reaped (they are not our children)."""
    if not pool.sandbox.warm or pool.sandbox.slot(0).init_pid is None:
        return 0.0
    fields = Path(f"/proc/{pool.sandbox.slot(0).init_pid}/stat").read_text().rsplit(")", 1)[1]
    utime, stime, cutime, cstime = (int(x) for x in fields.split()[11:15])
    return (utime + stime + cutime + cstime) * 1000 / os.sysconf("SC_CLK_TCK")


def step_samples(pool: SandboxPool, language_id: str, runs: int) -> tuple[Samples, Samples]:
    """(bare, sandboxed) run steps in one prepared work dir, alternating (same machine state)."""
    language = LANGUAGES[language_id]
    limits, build = run_limits(pool.settings), compile_limits(pool.settings)
    sandbox = pool.sandbox
    bare, boxed = Samples(), Samples()
    with (
        sandbox.workspace(0, pool.work_root, 256) as box,
        tempfile.TemporaryDirectory() as host_copy,
    ):
        sandbox.put_file(0, box, language.source_file, language.self_test.encode())
        argv = language.compile_argv(build.memory_mb)
        if argv is not None:
            sandbox.execute_blocking(
                workspace=box, slot=0, language=language, argv=argv, limits=build, stdin=b""
            )
        # Bare runs get a host copy: a warm slot's /box is only reachable through
        # /proc/<pid>/root, which runtimes such as Node resolve to a path the host lacks.
        ws = Path(host_copy) / "box"
        shutil.copytree(box, ws)
        run_argv = language.run_argv(limits.memory_mb)
        bare_argv = [str(ws) if a == "/box" else a.replace("/box/", f"{ws}/") for a in run_argv]
        env = {"PATH": "/usr/bin:/bin", **dict(language.env)}
        slot_cpu = slot_cpu_ms(pool)
        for _ in range(runs):
            bare.time(
                lambda: subprocess.run(
                    bare_argv,
                    input=SELF_TEST_STDIN.encode(),
                    cwd=ws,
                    env=env,
                    capture_output=True,
                    check=True,
                )
            )
            boxed.time(
                lambda: sandbox.execute_blocking(
                    workspace=box,
                    slot=0,
                    language=language,
                    argv=run_argv,
                    limits=limits,
                    stdin=SELF_TEST_STDIN.encode(),
                )
            )
        boxed.cpu += slot_cpu_ms(pool) - slot_cpu  # clock ticks: exact over all runs only
    return bare, boxed


def process_cpu_ms() -> float:
    """CPU of every thread of this process (the app's loop, its workers, the benchmark)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    return (own.ru_utime + own.ru_stime) * 1000


async def api_samples(
    settings: Settings, pool: SandboxPool, language_id: str, runs: int
) -> tuple[list[float], list[float], float]:
    """(API, job direct) wall times, alternating, so both see the same machine state.

    The third value is the API's extra CPU per request in this process (the in-process
    client's share included), which load on the machine inflates far less than wall time.
    """
    app = create_app(settings, server_process=True)  # as `coderoom serve`: heap settled
    async with LifespanManager(app, startup_timeout=60) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            email = f"bench-{time.time_ns()}@example.com"
            body = {"name": "Bench", "email": email, "password": "correct horse battery staple"}
            token = (await client.post("/api/v1/auth/register", json=body)).json()["access_token"]
            headers = {"Authorization": f"Bearer {token}"}
            payload = {
                "language": language_id,
                "code": LANGUAGES[language_id].self_test,
                "stdin": SELF_TEST_STDIN,
            }
            await client.post("/api/v1/executions", json=payload, headers=headers)  # self-test
            job = Job(language_id, payload["code"], [SELF_TEST_STDIN])
            api: list[float] = []
            direct: list[float] = []
            extra_cpu = 0.0
            for _ in range(runs):
                cpu, start = process_cpu_ms(), time.perf_counter()
                pool.execute_blocking(job)  # blocks the loop on purpose: nothing else runs
                direct.append((time.perf_counter() - start) * 1000)
                extra_cpu -= process_cpu_ms() - cpu
                cpu, start = process_cpu_ms(), time.perf_counter()
                response = await client.post("/api/v1/executions", json=payload, headers=headers)
                api.append((time.perf_counter() - start) * 1000)
                extra_cpu += process_cpu_ms() - cpu
                if response.status_code != 200:
                    raise RuntimeError(response.text)
            return api, direct, extra_cpu / runs


def burst(pool: SandboxPool, concurrency: int, total: int, *, bare: bool) -> float:
    """Seconds for ``total`` Python hello-world runs by ``concurrency`` callers."""
    language = LANGUAGES["python"]
    job = Job("python", language.self_test, [SELF_TEST_STDIN])
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "main.py").write_text(language.self_test)

        def one(_: int) -> None:
            if bare:
                subprocess.run(
                    ["/usr/bin/python3", "-I", "main.py"],
                    input=b"x\n",
                    cwd=tmp,
                    env={"PATH": "/usr/bin"},
                    capture_output=True,
                    check=True,
                )
            else:
                pool.execute_blocking(job)

        start = time.perf_counter()
        with ThreadPoolExecutor(concurrency) as threads:
            list(threads.map(one, range(total)))
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--languages", default=",".join(LANGUAGES))
    parser.add_argument(
        "--api-factor", type=int, default=3, help="API samples per sandbox sample (noisier)"
    )
    parser.add_argument(
        "--cold", action="store_true", help="bwrap per run instead of warm slots (comparison)"
    )
    parser.add_argument(
        "--throughput-only", action="store_true", help="skip the per-language table"
    )
    args = parser.parse_args()
    var = Path(tempfile.mkdtemp(prefix="coderoom-bench-"))
    settings = Settings(mode="test", var_dir=var, secret_key="b" * 40, _env_file=None)  # type: ignore[call-arg]
    settings.sandbox.concurrency = 8
    settings.sandbox.run_rate_limit = "100000/minute"
    settings.auth.register_rate_limit = "1000/minute"
    upgrade_blocking(settings.database_url)
    pool = SandboxPool(settings)
    if args.cold:  # the sandbox steps only; the API's app builds its own (warm) pool
        pool.sandbox.close()
        pool.sandbox.zygote = None
    print(f"sandbox: {'warm slots' if pool.sandbox.warm else 'bwrap per run'}")
    print(
        "| language | bare median / p95 ms | sandbox run median / p95 ms (×bare) | overhead ms "
        "| CPU ms/run bare / sandbox | job direct median ms | API median / p95 ms (×bare) "
        "| API − direct ms (median of pairs) | API − direct CPU ms |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for language_id in [] if args.throughput_only else args.languages.split(","):
        # A job compiles every time: fewer of them for the slow compilers.
        slow = language_id in ("java", "typescript", "rust", "go")
        jobs = max(5, args.runs // 3) if slow else args.runs * args.api_factor
        bare, boxed = step_samples(pool, language_id, args.runs)
        # With --cold the app still builds a warm pool: its API column compares warm to cold.
        api, direct, api_cpu = asyncio.run(api_samples(settings, pool, language_id, jobs))
        (bm, bp), (sm, sp) = stats(bare.wall), stats(boxed.wall)
        (dm, _), (am, ap) = stats(direct), stats(api)
        added = statistics.median(a - d for a, d in zip(api, direct, strict=True))
        print(
            f"| {language_id} | {bm:.1f} / {bp:.1f} | {sm:.1f} / {sp:.1f} (×{sm / bm:.2f}) "
            f"| {sm - bm:+.1f} | {bare.cpu_per_run():.1f} / {boxed.cpu_per_run():.1f} "
            f"| {dm:.1f} | {am:.1f} / {ap:.1f} (×{am / bm:.2f}) | {added:+.1f} | {api_cpu:+.1f} |"
        )
    print()
    print("| concurrency | bare runs/s | sandbox runs/s | sandbox / bare |")
    print("|---|---|---|---|")
    for concurrency in (1, 2, 8):
        total = 40 * concurrency if concurrency < 8 else 160
        elapsed = {True: 0.0, False: 0.0}
        for _ in range(BURSTS):  # bare and sandboxed bursts alternate
            for bare in (True, False):
                elapsed[bare] += burst(pool, concurrency, total // BURSTS, bare=bare)
        b, s = total / elapsed[True], total / elapsed[False]
        print(f"| {concurrency} | {b:.1f} | {s:.1f} | {s / b:.0%} |")


if __name__ == "__main__":
    main()
