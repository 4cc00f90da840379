"""The fuzz run's tally: cases submitted per role and form, their answers, and the forms that failed.

tests/fuzz/conftest.py prints it at the end of the run (`make fuzz` shows every form; CI the totals).
"""

import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field


@dataclass
class Tally:
    started: float | None = None  # when the first walk began
    finished: float | None = None  # when the last role's cases ended
    cases: dict[tuple[str, str], Counter] = field(default_factory=lambda: defaultdict(Counter))  # → answers
    seconds: Counter = field(default_factory=Counter)  # (role, form) → time spent submitting
    walked: Counter = field(default_factory=Counter)  # "pages", "seconds": the walks that found the forms
    discovered: dict[str, set[str]] = field(default_factory=dict)  # role → URL names of the forms found
    failures: list[str] = field(default_factory=list)
    seed: str = "derandomized"
    examples: int = 0

    def begin(self) -> None:
        if self.started is None:
            self.started = time.monotonic()

    def end(self) -> None:
        self.finished = time.monotonic()

    def record(self, role: str, form: str, outcome: int | str, seconds: float = 0.0) -> None:
        self.cases[(role, form)][outcome] += 1
        self.seconds[(role, form)] += seconds

    @property
    def total(self) -> int:
        return sum(sum(counter.values()) for counter in self.cases.values())

    def lines(self, *, per_form: bool) -> list[str]:
        if not self.cases:
            return []
        seconds = (self.finished or time.monotonic()) - (self.started or time.monotonic())
        outcomes = sum(self.cases.values(), Counter())
        lines = []
        if per_form:
            width = max(len(f"{role} {form}") for role, form in self.cases)
            for (role, form), counter in sorted(self.cases.items()):
                spent = self.seconds[(role, form)]
                cases = sum(counter.values())
                lines.append(f"  {f'{role} {form}':<{width}}  {cases:>6} cases {spent:6.1f} s  {_answers(counter)}")
        seed = self.seed if self.seed == "derandomized" else f"{self.seed} (FUZZ_SEED={self.seed} repeats it)"
        lines.append(
            f"fuzz: {self.total:,} cases on {len(self.cases)} forms (role × form) in {seconds:.0f} s, "
            f"FUZZ_EXAMPLES={self.examples}, seed {seed}; answers {_answers(outcomes)}; "
            f"forms found on {self.walked['pages']} pages in {self.walked['seconds']:.0f} s; outcome: "
            + (f"{len(self.failures)} forms FAILED" if self.failures else "no failure")
        )
        return lines


def _answers(counter: Counter) -> str:
    return " ".join(f"{outcome}×{count}" for outcome, count in sorted(counter.items(), key=str))


TALLY = Tally()
