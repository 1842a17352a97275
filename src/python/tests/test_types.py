"""The generated TypedDicts (vapi_check.types): every annotation resolves, unions list their branches, the keys a
model requires (and the tag of a union branch) are required, open enums admit any string."""
import typing

from vapi_check import message_kinds, types


def typed_dicts():
    return [v for v in vars(types).values() if isinstance(v, type) and hasattr(v, "__required_keys__")]


def test_every_annotation_resolves():
    assert len(typed_dicts()) > 100
    for td in typed_dicts():
        typing.get_type_hints(td, globalns=vars(types))


def test_message_union_has_each_kinds_model():
    models = {ref.__forward_arg__ for ref in typing.get_args(types.Message)}
    assert models == set(types.MESSAGE_TYPES.values())
    assert set(typing.get_args(types.MessageType)) == set(message_kinds())
    for name in models:
        td = getattr(types, name)
        assert "type" in td.__required_keys__, name
        assert typing.get_origin(typing.get_type_hints(td, globalns=vars(types))["type"]) is typing.Literal, name


def test_required_and_optional_keys():
    assert types.ServerMessageToolCalls.__required_keys__ >= {"type", "toolCallList"}
    assert "call" in types.ServerMessageToolCalls.__optional_keys__


def test_open_enum_is_known_values_or_any_string():
    status = typing.get_type_hints(types.ServerMessageStatusUpdate, globalns=vars(types))["status"]
    literal, other = typing.get_args(status)
    assert "in-progress" in typing.get_args(literal) and other is str
