"""HTTP shapes of problems, test cases, submissions and reports.

Two views of a problem exist on purpose: ``ProblemPublic`` (candidate-safe: statement,
starter code and the sample tests only) and ``ProblemFull`` (owner and room staff: every
test and the reference solutions). Only ``ProblemFull`` and ``SubmissionFull`` may carry
hidden test data; if you add a field, decide which view it belongs to.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, Field, StringConstraints, model_validator

from coderoom.problems.comparators import ComparatorKind

MAX_CODE_CHARS = 64 * 1024
MAX_TEST_CHARS = 256 * 1024
MAX_STATEMENT_CHARS = 100_000
TEST_PREVIEW_CHARS = 16 * 1024
NULLABLE_FIELDS = frozenset({"time_limit_s", "memory_mb", "float_tolerance"})


def _no_nul(value: str) -> str:
    # PostgreSQL text cannot store NUL; refuse it up front on every backend.
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


NoNul = AfterValidator(_no_nul)
Difficulty = Literal["easy", "medium", "hard"]
Slug = Annotated[
    str, StringConstraints(min_length=3, max_length=80, pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
]
TAG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
LANGUAGE_PATTERN = r"^[a-z0-9+#]+$"
Tag = Annotated[str, StringConstraints(min_length=1, max_length=30, pattern=TAG_PATTERN)]
# 12 ids of at most 20 characters fit the packed ``problems.languages`` column (300).
LanguageId = Annotated[
    str, StringConstraints(min_length=1, max_length=20, pattern=LANGUAGE_PATTERN)
]
Code = Annotated[str, StringConstraints(max_length=MAX_CODE_CHARS), NoNul]
SourceMap = Annotated[dict[LanguageId, Code], Field(max_length=12)]
Title = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), NoNul
]
Statement = Annotated[str, StringConstraints(max_length=MAX_STATEMENT_CHARS), NoNul]


class TestCaseIn(BaseModel):
    """A test case as written by a problem's author."""

    stdin: Annotated[str, StringConstraints(max_length=MAX_TEST_CHARS), NoNul] = ""
    expected_stdout: Annotated[str, StringConstraints(max_length=MAX_TEST_CHARS), NoNul]
    is_sample: bool = False
    weight: Annotated[int, Field(ge=1, le=100)] = 1


class TestCasePublic(BaseModel):
    """A stored test case and its position (1-based).

    Built-in tests can be ~1 MB: views carry at most ``TEST_PREVIEW_CHARS`` of ``stdin``
    and ``expected_stdout`` each, and say so with ``truncated``.
    """

    position: int
    stdin: str
    expected_stdout: str
    is_sample: bool
    weight: int
    truncated: bool = False

    @classmethod
    def preview(
        cls, *, position: int, stdin: str, expected_stdout: str, is_sample: bool, weight: int
    ) -> TestCasePublic:
        """The view of a test, cut to ``TEST_PREVIEW_CHARS`` per field."""
        cut = TEST_PREVIEW_CHARS
        return cls(
            position=position,
            stdin=stdin[:cut],
            expected_stdout=expected_stdout[:cut],
            is_sample=is_sample,
            weight=weight,
            truncated=len(stdin) > cut or len(expected_stdout) > cut,
        )


class ProblemCreate(BaseModel):
    """A new problem owned by the caller."""

    slug: Slug
    title: Title
    difficulty: Difficulty
    tags: Annotated[list[Tag], Field(max_length=15)] = []
    statement: Statement = ""
    starter_code: SourceMap = {}
    solutions: SourceMap = {}
    time_limit_s: Annotated[float, Field(gt=0, le=10)] | None = None
    memory_mb: Annotated[int, Field(ge=16, le=1024)] | None = None
    comparator: ComparatorKind = "whitespace"
    float_tolerance: Annotated[float, Field(gt=0, le=1)] | None = None
    tests: Annotated[list[TestCaseIn], Field(max_length=100)] = []


class ProblemUpdate(BaseModel):
    """A partial edit; ``tests`` (when given) replaces every test. Bumps the version."""

    title: Title | None = None
    difficulty: Difficulty | None = None
    tags: Annotated[list[Tag], Field(max_length=15)] | None = None
    statement: Statement | None = None
    starter_code: SourceMap | None = None
    solutions: SourceMap | None = None
    time_limit_s: Annotated[float, Field(gt=0, le=10)] | None = None
    memory_mb: Annotated[int, Field(ge=16, le=1024)] | None = None
    comparator: ComparatorKind | None = None
    float_tolerance: Annotated[float, Field(gt=0, le=1)] | None = None
    tests: Annotated[list[TestCaseIn], Field(max_length=100)] | None = None

    @model_validator(mode="after")
    def _required_fields_stay_set(self) -> ProblemUpdate:
        # ``null`` means "back to the default" for the limits and the tolerance only; the
        # other fields may be left out but not cleared.
        cleared = sorted(
            name for name in self.model_fields_set - NULLABLE_FIELDS if getattr(self, name) is None
        )
        if cleared:
            raise ValueError(f"these fields cannot be null: {', '.join(cleared)}")
        return self


class ProblemSummary(BaseModel):
    """A line of the problem list."""

    id: str
    slug: str
    title: str
    difficulty: Difficulty
    tags: list[str]
    languages: list[str]
    builtin: bool
    owner_user_id: str | None
    version: int
    updated_at: datetime


class ProblemsPublic(BaseModel):
    """A page of problems."""

    items: list[ProblemSummary]
    total: int
    limit: int
    offset: int


class ProblemPublic(ProblemSummary):
    """Candidate-safe view: the statement, starter code and sample tests only.

    ``starter_code`` maps language id to code; the web client puts it into the editor
    only when the file is empty, so code already written is never clobbered.
    """

    view: Literal["public", "full"] = "public"
    statement: str
    starter_code: dict[str, str]
    time_limit_s: float | None
    memory_mb: int | None
    comparator: ComparatorKind
    float_tolerance: float | None
    samples: list[TestCasePublic]
    hidden_count: int


class ProblemFull(ProblemPublic):
    """Owner/staff view: everything, hidden tests and reference solutions included."""

    view: Literal["public", "full"] = "full"
    tests: list[TestCasePublic]
    solutions: dict[str, str]


class ProblemVersionSummary(BaseModel):
    """One version of a problem."""

    version: int
    created_at: datetime
    current: bool


class ProblemVersions(BaseModel):
    """Every version of a problem, newest first."""

    items: list[ProblemVersionSummary]


class ProblemSnapshot(BaseModel):
    """The content of one version of a problem (owner only)."""

    version: int
    created_at: datetime
    title: str
    difficulty: Difficulty
    tags: list[str]
    statement: str
    starter_code: dict[str, str]
    solutions: dict[str, str]
    time_limit_s: float | None
    memory_mb: int | None
    comparator: ComparatorKind
    float_tolerance: float | None
    tests: list[TestCasePublic]


class RoomProblemSet(BaseModel):
    """Attach a problem (by id or slug) to a room, or detach it with ``null``."""

    problem_id: (
        Annotated[str, StringConstraints(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9_-]+$")]
        | None
    )


class CodeIn(BaseModel):
    """Code to test or submit."""

    language: LanguageId
    code: Annotated[str, StringConstraints(min_length=1, max_length=MAX_CODE_CHARS), NoNul]


class SampleResult(BaseModel):
    """One sample test: what went in, what was expected, what came out."""

    position: int
    verdict: str
    stdin: str
    expected_stdout: str
    actual_stdout: str
    stderr: str
    time_ms: int
    memory_kb: int


class RunTestsResult(BaseModel):
    """The outcome of "Run tests" on the sample tests."""

    verdict: str
    compile_output: str
    passed: int
    total: int
    results: list[SampleResult]


class TestResult(BaseModel):
    """One test of a submission, as staff see it."""

    position: int
    is_sample: bool
    weight: int
    verdict: str
    time_ms: int
    memory_kb: int
    actual_stdout: str
    stderr: str


class SubmissionPublic(BaseModel):
    """A submission as its candidate sees it: sample details and the hidden pass count."""

    view: Literal["public", "full"] = "public"
    id: str
    room_id: str
    participant_id: str
    display_name: str
    problem_id: str | None
    problem_version: int
    language: str
    code: str
    verdict: str
    compile_output: str
    hidden_passed: int
    hidden_total: int
    samples: list[TestResult]
    created_at: datetime


class SubmissionFull(SubmissionPublic):
    """A submission as staff see it: the score and every test."""

    view: Literal["public", "full"] = "full"
    score: float
    passed: int
    total: int
    time_ms: int
    memory_kb: int
    results: list[TestResult]


class SubmissionsPublic(BaseModel):
    """Submissions of a room, newest first."""

    items: list[SubmissionFull | SubmissionPublic]


class ReportRow(BaseModel):
    """One participant's results in a room."""

    participant_id: str
    display_name: str
    role: str
    attempts: int
    best_score: float | None
    best_verdict: str | None
    first_submission_at: datetime | None
    first_passing_at: datetime | None
    seconds_to_first_pass: float | None


class RoomReport(BaseModel):
    """Per-participant results for the room's staff."""

    room_id: str
    problem_id: str | None
    rows: list[ReportRow]
