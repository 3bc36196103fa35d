"""Prisma's exact message texts for native-type and connector errors.

Each function returns the text only; callers attach it to a span in a ``Diagnostics``.
Names follow Prisma's ``DatamodelError`` / ``NativeTypeErrorFactory`` constructors.
"""

from __future__ import annotations

from refrakt.psl.connectors._types import NativeTypeInstance

LENGTH_GUIDE = " Please use the `length` argument to the field in the index definition to allow this."
"""MySQL's hint appended to key/index errors on TEXT and BLOB columns."""


# --- parsing an attribute ---------------------------------------------------------------------


def native_type_name_unknown(connector_name: str, native_type: str) -> str:
    return f"Native type {native_type} is not supported for {connector_name} connector."


def native_types_not_supported(connector_name: str) -> str:
    return f"Native types are not supported with {connector_name} connector"


def native_type_parser_error(native_type: str) -> str:
    return f"Invalid Native type {native_type}."


def argument_count_mismatch(name: str, required: int, given: int) -> str:
    return f'Function "{name}" takes {required} arguments, but received {given}.'


def optional_argument_count_mismatch(native_type: str, optional: int, given: int) -> str:
    return f"Native type {native_type} takes {optional} optional arguments, but received {given}."


def incompatible_native_type(native_type: str, field_type: str, expected_types: str) -> str:
    return (
        f"Native type {native_type} is not compatible with declared field type {field_type}, "
        f"expected field type {expected_types}."
    )


def value_parser_error(expected: str, raw: str) -> str:
    return f"Expected {expected}, but found {raw}."


def invalid_prefix_for_native_types(given_prefix: str, expected_prefix: str, suggestion: str) -> str:
    return (
        f"The prefix {given_prefix} is invalid. It must be equal to the name of an existing datasource "
        f"e.g. {expected_prefix}. Did you mean to use {suggestion}?"
    )


# --- argument values (NativeTypeErrorFactory) ---------------------------------------------------


def scale_larger_than_precision(native_type: NativeTypeInstance, connector_name: str) -> str:
    return f"The scale must not be larger than the precision for the {native_type} native type in {connector_name}."


def argument_m_out_of_range(native_type: NativeTypeInstance, connector_name: str, detail: str) -> str:
    return f"Argument M is out of range for native type `{native_type}` of {connector_name}: {detail}"


# --- keys and indexes -------------------------------------------------------------------------


def incompatible_native_type_with_index(native_type: NativeTypeInstance, connector_name: str, hint: str) -> str:
    return f"You cannot define an index on fields with native type `{native_type}` of {connector_name}.{hint}"


def incompatible_native_type_with_unique(native_type: NativeTypeInstance, connector_name: str, hint: str) -> str:
    return f"Native type `{native_type}` cannot be unique in {connector_name}.{hint}"


def incompatible_native_type_with_id(native_type: NativeTypeInstance, connector_name: str, hint: str) -> str:
    return f"Native type `{native_type}` of {connector_name} cannot be used on a field that is `@id` or `@@id`.{hint}"


# --- wrappers Prisma puts around messages -------------------------------------------------------


def attribute_validation_error(message: str, attribute_name: str) -> str:
    """``Error parsing attribute "@@index": <message>`` (``attribute_name`` with its ``@``s)."""
    return f'Error parsing attribute "{attribute_name}": {message}'


def validation_error(message: str) -> str:
    return f"Error validating: {message}"


def source_validation_error(message: str, source: str) -> str:
    return f"Error validating datasource `{source}`: {message}"


def field_validation_error(message: str, container_type: str, container_name: str, field: str) -> str:
    return f"Error validating field `{field}` in {container_type} `{container_name}`: {message}"


def field_validation_warning(message: str, model: str, field: str) -> str:
    return f"Warning validating field `{field}` in model `{model}`: {message}"


def invalid_model_error(message: str) -> str:
    return f"Invalid model: {message}"


def model_validation_error(message: str, block_type: str, model_name: str) -> str:
    return f'Error validating {block_type} "{model_name}": {message}'
