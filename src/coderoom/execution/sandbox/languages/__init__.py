"""The language registry: ``LANGUAGES`` by id, in display order."""

from coderoom.execution.sandbox.languages.base import SELF_TEST_STDIN, SELF_TEST_STDOUT, Language
from coderoom.execution.sandbox.languages.catalog import ALL

LANGUAGES: dict[str, Language] = {language.id: language for language in ALL}

__all__ = ["LANGUAGES", "SELF_TEST_STDIN", "SELF_TEST_STDOUT", "Language"]
