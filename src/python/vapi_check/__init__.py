"""vapi-check for Python: validates Vapi webhook bodies and the replies to them against the vapi-check JSON
Schemas (bundled in this package) with python-jsonschema, and returns the Java library's result:

    {"valid": bool, "messageType": str | None, "profile": "lenient" | "strict",
     "errors": [{"instanceLocation", "keyword", "code", "message"}], "warnings": [...]}

Errors come in document order; in lenient, a union variant newer than the snapshot (a message type, a provider, a
cost type) is a warning with code UNKNOWN_VARIANT at its tag. A body may be the parsed JSON value, or its text
(str) or UTF-8 bytes, then read by the Java library's rules (strict JSON, no duplicate keys, size limits).
"""
import sys

from ._core import PROFILES, Validator

if sys.version_info >= (3, 8):
    from typing import List, Literal, Optional, TypedDict

    class ValidationError(TypedDict):
        instanceLocation: str
        keyword: str
        code: str
        message: str

    class ValidationResult(TypedDict):
        valid: bool
        messageType: Optional[str]
        profile: Literal["lenient", "strict"]
        errors: List[ValidationError]
        warnings: List[ValidationError]

__all__ = ["validate_message", "validate_reply", "message_kinds", "reply_kinds", "Validator", "PROFILES",
           "ValidationError", "ValidationResult"]

_default = None


def _validator():
    global _default
    if _default is None:
        _default = Validator()
    return _default


def validate_message(body, profile="lenient", *, warnings=False, reject_unknown_kinds=False):
    """Validates a webhook body ({"message": {...}}) or a bare message.

    profile: "lenient" (default, for gateways) or "strict" (for contract tests); warnings: in lenient, also report
    what strict flags; reject_unknown_kinds: an unknown message.type is an error instead of a warning.
    Raises ValueError for an unknown profile; never for bad data.
    """
    return _validator().validate_message(body, profile, warnings, reject_unknown_kinds)


def validate_reply(kind, body, profile="lenient", *, warnings=False):
    """Validates a reply to a message of type `kind`, bare or as {"messageResponse": {...}}.

    Raises ValueError for a kind that has no reply model (see reply_kinds()).
    """
    return _validator().validate_reply(kind, body, profile, warnings)


def message_kinds():
    """The message types the schemas know."""
    return _validator().message_kinds


def reply_kinds():
    """The message types that have a reply model."""
    return _validator().reply_kinds
