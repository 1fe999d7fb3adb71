"""Summarise a py-spy raw profile: the busiest functions, self and inclusive.

    python profile_top.py bench/results/profile-scale.txt [--top 40] [--match substring]

Only the event loop's thread counts (greenlet stacks included); worker threads (aiosqlite,
to_thread: stacks that start in ``Thread._bootstrap``) are reported as one total.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("profile", type=Path)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--match", default="", help="inclusive shares of frames matching this")
    args = parser.parse_args()
    own: Counter[str] = Counter()
    incl: Counter[str] = Counter()
    loop = other = 0
    for line in args.profile.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack:
            continue
        n = int(count)
        frames = stack.split(";")
        if frames[0].startswith(("_bootstrap ", "Thread._bootstrap ")):  # a worker thread
            other += n
            continue
        loop += n
        own[frames[-1]] += n
        for frame in set(frames):
            incl[frame] += n
    print(f"loop thread samples {loop}, other threads {other}")
    print("\n-- self --")
    for frame, n in own.most_common(args.top):
        print(f"{100 * n / loop:5.1f}%  {frame}")
    print("\n-- inclusive --")
    shown = 0
    for frame, n in incl.most_common():
        if args.match not in frame:
            continue
        print(f"{100 * n / loop:5.1f}%  {frame}")
        shown += 1
        if shown >= args.top:
            break


if __name__ == "__main__":
    main()
