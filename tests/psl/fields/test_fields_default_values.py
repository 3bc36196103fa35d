"""Literal defaults parsed as the engines parse them: JSON, base64, RFC 3339, i64, decimals."""

from __future__ import annotations

import pytest
from fields_testlib import default_error, errors, with_datasource

from refrakt.psl.validate._default_value import bigdecimal_error, is_base64, json_error, rfc3339_error, rust_int_error


def _field_errors(field: str) -> list[tuple[int, str]]:
    return errors(f"model Test {{\n  id Int @id\n  {field}\n}}\n")


def test_messages_from_the_validation_pipeline() -> None:
    assert _field_errors('rel DateTime @default("Hugo")') == [
        (
            3,
            default_error(
                'Parse error: "Hugo" is not a valid rfc3339 datetime string. (input contains invalid characters)'
            ),
        )
    ]
    assert _field_errors('name Json @default("not json")') == [
        (3, default_error('Parse error: "not json" is not a valid JSON string. (expected ident at line 1 column 2)'))
    ]
    assert _field_errors('name Bytes @default("not base64")') == [
        (
            3,
            default_error(
                'Parse error: "not base64" is not a valid base64 string. (Could not convert from `base64 encoded '
                "bytes` to `PrismaValue::Bytes`)"
            ),
        )
    ]
    assert _field_errors("score Int @default(3.14)") == [
        (3, default_error('Parse error: "3.14" is not a valid integer. (invalid digit found in string)'))
    ]
    # Prisma names the attribute without its `@` for decimals (and needs a connector with Decimal).
    schema = with_datasource("postgresql", '\nmodel Test {\n  id Int @id\n  d Decimal @default("1.2.3")\n}\n')
    assert errors(schema) == [
        (
            8,
            'Error parsing attribute "default": Parse error: "1.2.3" is not a valid decimal. '
            "(invalid digit found in string)",
        )
    ]


def test_list_items_are_each_parsed() -> None:
    schema = """datasource db {
  provider = "postgresql"
  url = "postgresql://"
}

model Model {
  id Int @id
  dateTime DateTime[] @default(["2019-06-17T14:20:57Z", "2020-09-*1T20:00:00+02:00", "x"])
}
"""
    assert errors(schema) == [
        (
            8,
            default_error(
                'Parse error: "2020-09-*1T20:00:00+02:00" is not a valid rfc3339 datetime string. '
                "(input contains invalid characters)"
            ),
        ),
        (8, default_error('Parse error: "x" is not a valid rfc3339 datetime string. (premature end of input)')),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-06-17T14:20:57Z", None),
        ("2019-06-17t14:20:57.123456z", None),
        ("2019-06-17 14:20:57+02:00", None),
        ("2016-12-31T23:59:60Z", None),
        ("2019-06-17T14:20:57.1234567891234-01:30", None),
        ("2020-02-29T00:00:00Z", None),
        ("Hugo", "input contains invalid characters"),
        ("201", "premature end of input"),
        ("2019-06-17", "premature end of input"),
        ("2019-06-17T14:20:57", "premature end of input"),
        ("2019-06-17T14:20:57+0200", "input contains invalid characters"),
        ("2019-06-17T14:20:57+02:6", "premature end of input"),
        ("2019-06-17T14:20:57+02:60", "input is out of range"),
        ("2019-13-17T14:20:57Z", "input is out of range"),
        ("2019-02-30T14:20:57Z", "input is out of range"),
        ("2019-06-17T24:00:00Z", "input is out of range"),
        ("2019-06-17T14:20:57Zjunk", "trailing input"),
        ("2019-06-17X14:20:57Z", "input contains invalid characters"),
    ],
)
def test_rfc3339(text: str, expected: str | None) -> None:
    assert rfc3339_error(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{}", None),
        ('{"a": [1, -2.5e-3, "\\u00e9\\ud83d\\ude00", true, false, null]}', None),
        ("", "EOF while parsing a value at line 1 column 0"),
        ("not json", "expected ident at line 1 column 2"),
        ("nul", "EOF while parsing a value at line 1 column 3"),
        ("{", "EOF while parsing an object at line 1 column 1"),
        ("[1, 2", "EOF while parsing a list at line 1 column 5"),
        ("[1 2]", "expected `,` or `]` at line 1 column 4"),
        ('{"a": 1,}', "trailing comma at line 1 column 9"),
        ("[1,]", "trailing comma at line 1 column 4"),
        ("{1: 2}", "key must be a string at line 1 column 2"),
        ('{"a" 1}', "expected `:` at line 1 column 6"),
        ('{"a": 1 "b": 2}', "expected `,` or `}` at line 1 column 9"),
        ("[1]\n x", "trailing characters at line 2 column 2"),
        ("01", "invalid number at line 1 column 2"),
        ("1.", "EOF while parsing a value at line 1 column 2"),
        ("1.x", "invalid number at line 1 column 3"),
        ("-x", "invalid number at line 1 column 2"),
        ("1e400", "number out of range at line 1 column 5"),
        ('"abc', "EOF while parsing a string at line 1 column 4"),
        ('"\\x"', "invalid escape at line 1 column 3"),
        ('"\\u12"', "EOF while parsing a string at line 1 column 6"),
        ('"\\udc00"', "lone leading surrogate in hex escape at line 1 column 7"),
        ('"a\tb"', "control character (\\u0000-\\u001F) found while parsing a string at line 1 column 3"),
        ("x", "expected value at line 1 column 1"),
    ],
)
def test_json(text: str, expected: str | None) -> None:
    assert json_error(text) == expected


@pytest.mark.parametrize(
    ("text", "valid"),
    [("", True), ("aGVsbG8=", True), ("aGVsbA==", True), ("aGVsbG8", False), ("aGVsbG9=", False), ("a b=", False)],
)
def test_base64(text: str, valid: bool) -> None:
    assert is_base64(text) is valid


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9223372036854775807", None),
        ("-9223372036854775808", None),
        ("+1", None),
        ("9223372036854775808", "number too large to fit in target type"),
        ("-9223372036854775809", "number too small to fit in target type"),
        ("3.14", "invalid digit found in string"),
        ("-", "invalid digit found in string"),
        ("", "cannot parse integer from empty string"),
    ],
)
def test_i64(text: str, expected: str | None) -> None:
    assert rust_int_error(text, 64) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.5", None),
        ("-1_000.25e-3", None),
        ("1.", None),
        ("", "Failed to parse empty string"),
        ("e5", "Failed to parse empty string"),
        ("1e", "cannot parse integer from empty string"),
        ("1e1.5", "invalid digit found in string"),
        ("abc", "invalid digit found in string"),
        ("-", "cannot parse integer from empty string"),
    ],
)
def test_decimal(text: str, expected: str | None) -> None:
    assert bigdecimal_error(text) == expected


def test_composite_defaults_are_checked_despite_later_model_errors() -> None:
    schema = with_datasource(
        "mongodb",
        """
model A {
  name String
  c    C
}

type C {
  j Json @default("not json")
}
""",
        url="mongodb://",
    )
    found = errors(schema)
    assert (6, "Invalid model: MongoDB models require exactly one identity field annotated with @id") in found
    assert (
        12,
        default_error('Parse error: "not json" is not a valid JSON string. (expected ident at line 1 column 2)'),
    ) in found


def test_composite_defaults_are_not_checked_after_a_composite_cycle() -> None:
    schema = with_datasource(
        "mongodb",
        """
model A {
  id String @id @map("_id") @db.ObjectId
  c  C
}

type C {
  c C
  j Json @default("not json")
}
""",
        url="mongodb://",
    )
    assert [message for _, message in errors(schema) if "JSON" in message] == []
    assert errors(schema) != []
