"""ECMA-262 patterns as the package matches them, and the constructs its strict translation refuses."""
import re

import pytest

from vapi_check._core import ecma_to_python


def test_dollar_dot_and_ascii_classes_keep_their_ecma_meaning():
    assert re.search(ecma_to_python("^[a-z]+$"), "abc\n") is None
    assert re.search(ecma_to_python("^a.b$"), "a\rb") is None
    assert re.search(ecma_to_python(r"^\d+$"), "\u0663") is None
    assert re.search(ecma_to_python(r"^\w+$"), "ab_9")


@pytest.mark.parametrize("pattern", [r"^\s+$", r"\bword", r"\p{L}", r"(a)\1", "[]a"])
def test_strict_refuses_what_it_cannot_translate(pattern):
    ecma_to_python(pattern)  # lenient: used as it is
    with pytest.raises(ValueError):
        ecma_to_python(pattern, strict=True)
