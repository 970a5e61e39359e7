"""``python -m wegweiser.rules.schemas [--check]``: regenerate the published JSON Schemas from code.

Without options the files that differ are rewritten; ``--check`` only lists them and exits with 1.
"""

from __future__ import annotations

import argparse
import sys

from .generate import HERE, stale, write


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wegweiser.rules.schemas", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale files (exit 1 if any)")
    args = parser.parse_args(argv)
    if args.check:
        names = stale()
        for name in names:
            sys.stderr.write(f"stale: {HERE / name} (run python -m wegweiser.rules.schemas)\n")
        return 1 if names else 0
    for name in write():
        sys.stdout.write(f"wrote {HERE / name}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
