"""Run `claimwatch run --local` many times without paying its imports each time (seconds on a busy machine).

`python -m tests.support.forkrunner` imports the CLI once, then for each request line on stdin (JSON: env,
argv, kill_after) forks a child that runs the command exactly as the `claimwatch` entry point would, with
that environment, and answers one JSON line: the child's pid and how it ended ("signal": 9 when SIGKILLed,
by its own crash point or by us after `kill_after` seconds). The child is a real process: a SIGKILL stops it
with no clean-up at all.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time

import flows.cli
import flows.local
import flows.steps


def _child(env: dict[str, str], argv: list[str]) -> None:
    os.environ.clear()
    os.environ.update(env)
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    code = 0
    try:
        flows.cli.app(argv, prog_name="claimwatch", standalone_mode=False)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:
        code = 1
    os._exit(code)


def main() -> None:
    for line in sys.stdin:
        request = json.loads(line)
        started = time.monotonic()
        pid = os.fork()
        if pid == 0:
            _child(request["env"], request["argv"])
        kill_after = request.get("kill_after")
        deadline = time.monotonic() + float(request.get("timeout", 300))
        killed_by_us = False
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            now = time.monotonic()
            due = kill_after is not None and now >= started + kill_after
            if (due and not killed_by_us) or now > deadline:
                os.kill(pid, signal.SIGKILL)
                killed_by_us = True
            time.sleep(0.005)
        answer = {"pid": pid, "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None}
        answer["exit"] = os.WEXITSTATUS(status) if os.WIFEXITED(status) else None
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
