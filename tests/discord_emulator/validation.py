"""Request validation with Discord's status codes, error codes and error bodies."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from . import limits
from .commands import GROUP, INTEGER, NUMBER, STRING, SUBCOMMAND
from .state import MessageFlag


class ApiError(Exception):
    """An error response exactly as Discord would send it."""

    def __init__(
        self, status: int, code: int, message: str, errors: dict[str, Any] | None = None
    ) -> None:
        super().__init__(f"{status} {message} (code {code})")
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors

    def body(self) -> dict[str, Any]:
        data: dict[str, Any] = {"message": self.message, "code": self.code}
        if self.errors is not None:
            data["errors"] = self.errors
        return data


def unauthorized() -> ApiError:
    return ApiError(401, 0, "401: Unauthorized")


def not_found() -> ApiError:
    return ApiError(404, 0, "404: Not Found")


def unknown(what: str) -> ApiError:
    """404 "Unknown <what>" with Discord's JSON error code for that resource."""
    codes = {
        "Application": 10002,
        "Channel": 10003,
        "Guild": 10004,
        "Message": 10008,
        "Webhook": 10015,
        "interaction": 10062,
        "application command": 10063,
    }
    return ApiError(404, codes[what], f"Unknown {what}")


def already_acknowledged() -> ApiError:
    return ApiError(400, 40060, "Interaction has already been acknowledged.")


def empty_message() -> ApiError:
    return ApiError(400, 50006, "Cannot send an empty message")


def too_many_commands() -> ApiError:
    return ApiError(
        400, 30032, f"Maximum number of application commands reached ({limits.COMMANDS_MAX})"
    )


class FormErrors:
    """Collects field errors and raises them as one 50035 "Invalid Form Body"."""

    def __init__(self) -> None:
        self.tree: dict[str, Any] = {}

    def add(self, path: Sequence[str | int], code: str, message: str) -> None:
        node = self.tree
        for part in path:
            node = node.setdefault(str(part), {})
        node.setdefault("_errors", []).append({"code": code, "message": message})

    def max_length(self, path: Sequence[str | int], value: Any, maximum: int) -> None:
        if value is not None and len(value) > maximum:
            self.add(path, "BASE_TYPE_MAX_LENGTH", f"Must be {maximum} or fewer in length.")

    def length(self, path: Sequence[str | int], value: Any, minimum: int, maximum: int) -> None:
        if value is None or not minimum <= len(value) <= maximum:
            self.add(
                path,
                "BASE_TYPE_BAD_LENGTH",
                f"Must be between {minimum} and {maximum} in length.",
            )

    def raise_if_any(self) -> None:
        if self.tree:
            raise ApiError(400, 50035, "Invalid Form Body", self.tree)


# Messages --------------------------------------------------------------------


def check_message(body: dict[str, Any], *, creating: bool, prefix: tuple[str, ...] = ()) -> None:
    """Validate message fields of a create/edit body (``prefix`` locates them)."""
    if creating and not any(
        body.get(k) for k in ("content", "embeds", "components", "attachments", "sticker_ids")
    ):
        raise empty_message()
    errors = FormErrors()
    errors.max_length((*prefix, "content"), body.get("content"), limits.CONTENT_MAX)
    embeds = body.get("embeds") or []
    errors.max_length((*prefix, "embeds"), embeds, limits.EMBEDS_MAX)
    errors.max_length((*prefix, "attachments"), body.get("attachments"), limits.ATTACHMENTS_MAX)
    total = sum(_check_embed(errors, (*prefix, "embeds", i), e) for i, e in enumerate(embeds))
    if total > limits.EMBED_TOTAL_MAX:
        errors.add(
            (*prefix, "embeds"),
            "MAX_EMBED_SIZE_EXCEEDED",
            f"Embed size exceeds maximum size of {limits.EMBED_TOTAL_MAX}",
        )
    if not int(body.get("flags") or 0) & MessageFlag.IS_COMPONENTS_V2:
        _check_action_rows(errors, (*prefix, "components"), body.get("components") or [])
    errors.raise_if_any()


def _check_embed(errors: FormErrors, path: tuple[str | int, ...], embed: dict[str, Any]) -> int:
    """Check one embed; return its size as counted towards the 6000 total."""
    title, description = embed.get("title") or "", embed.get("description") or ""
    footer = (embed.get("footer") or {}).get("text") or ""
    author = (embed.get("author") or {}).get("name") or ""
    errors.max_length((*path, "title"), title, limits.EMBED_TITLE_MAX)
    errors.max_length((*path, "description"), description, limits.EMBED_DESCRIPTION_MAX)
    errors.max_length((*path, "footer", "text"), footer, limits.EMBED_FOOTER_TEXT_MAX)
    errors.max_length((*path, "author", "name"), author, limits.EMBED_AUTHOR_NAME_MAX)
    fields = embed.get("fields") or []
    errors.max_length((*path, "fields"), fields, limits.EMBED_FIELDS_MAX)
    size = len(title) + len(description) + len(footer) + len(author)
    for i, field in enumerate(fields):
        name, value = field.get("name") or "", field.get("value") or ""
        errors.length((*path, "fields", i, "name"), name, 1, limits.EMBED_FIELD_NAME_MAX)
        errors.length((*path, "fields", i, "value"), value, 1, limits.EMBED_FIELD_VALUE_MAX)
        size += len(name) + len(value)
    return size


# Components an action row may hold: button, string/user/role/mentionable/channel select.
_ROW_CHILD_TYPES = {2, 3, 5, 6, 7, 8}


def _check_action_rows(
    errors: FormErrors, path: tuple[str, ...], rows: list[dict[str, Any]]
) -> None:
    errors.max_length(path, rows, limits.ACTION_ROWS_MAX)
    seen: set[str] = set()
    for i, row in enumerate(rows):
        if row.get("type") != 1:
            errors.add(
                (*path, i, "type"),
                "UNION_TYPE_CHOICES",
                'Value of field "type" must be one of (1,).',
            )
            continue
        children = row.get("components") or []
        errors.length((*path, i, "components"), children, 1, limits.ACTION_ROW_COMPONENTS_MAX)
        for j, child in enumerate(children):
            where = (*path, i, "components", j)
            if child.get("type") not in _ROW_CHILD_TYPES:
                choices = ", ".join(map(str, sorted(_ROW_CHILD_TYPES)))
                errors.add(
                    (*where, "type"),
                    "UNION_TYPE_CHOICES",
                    f'Value of field "type" must be one of ({choices}).',
                )
                continue
            custom_id = child.get("custom_id")
            if child.get("type") == 2:
                errors.max_length((*where, "label"), child.get("label"), limits.BUTTON_LABEL_MAX)
                if child.get("style") == 5:  # link buttons carry a url instead
                    if not child.get("url"):
                        errors.add((*where, "url"), "BASE_TYPE_REQUIRED", "This field is required")
                    continue
            if custom_id is None:
                errors.add((*where, "custom_id"), "BASE_TYPE_REQUIRED", "This field is required")
                continue
            errors.length((*where, "custom_id"), custom_id, 1, limits.CUSTOM_ID_MAX)
            if custom_id in seen:
                errors.add(
                    (*where, "custom_id"),
                    "COMPONENT_CUSTOM_ID_DUPLICATED",
                    "Component custom id cannot be duplicated",
                )
            seen.add(custom_id)


# Autocomplete ----------------------------------------------------------------


def check_autocomplete(data: dict[str, Any]) -> None:
    """Validate the ``data`` of an APPLICATION_COMMAND_AUTOCOMPLETE_RESULT callback."""
    errors = FormErrors()
    choices = data.get("choices")
    if choices is None:
        errors.add(("data", "choices"), "BASE_TYPE_REQUIRED", "This field is required")
    else:
        errors.max_length(("data", "choices"), choices, limits.AUTOCOMPLETE_CHOICES_MAX)
        _check_choices(errors, ("data", "choices"), choices)
    errors.raise_if_any()


def _check_choices(errors: FormErrors, path: tuple[str, ...], choices: list[Any]) -> None:
    for i, choice in enumerate(choices):
        errors.length((*path, i, "name"), choice.get("name"), 1, limits.CHOICE_NAME_MAX)
        value = choice.get("value")
        if isinstance(value, str):
            errors.max_length((*path, i, "value"), value, limits.CHOICE_VALUE_MAX)
        elif value is None:
            errors.add((*path, i, "value"), "BASE_TYPE_REQUIRED", "This field is required")


# Application commands --------------------------------------------------------

# Docs: ^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$ ; Python's Unicode \w is close enough.
_NAME = re.compile(r"[-_'\w]{1,32}")
_AUTOCOMPLETE_TYPES = {STRING, INTEGER, NUMBER}


def check_commands(commands: list[dict[str, Any]]) -> None:
    """Validate a bulk-overwrite body (PUT .../commands)."""
    if sum(1 for c in commands if c.get("type", 1) == 1) > limits.COMMANDS_MAX:
        raise too_many_commands()
    errors = FormErrors()
    seen: set[tuple[int, Any]] = set()
    for i, command in enumerate(commands):
        _check_command(errors, (i,), command)
        if _key(command) in seen:
            _duplicate_name(errors, (i, "name"))
        seen.add(_key(command))
    errors.raise_if_any()


def check_command(command: dict[str, Any], others: Iterable[dict[str, Any]] = ()) -> None:
    """Validate a single create/edit body (POST/PATCH .../commands).

    An edited command must not take the (type, name) of one of the ``others``.
    """
    errors = FormErrors()
    _check_command(errors, (), command)
    if any(_key(other) == _key(command) for other in others):
        _duplicate_name(errors, ("name",))
    errors.raise_if_any()


def _key(command: dict[str, Any]) -> tuple[int, Any]:
    """Discord keeps command names unique per command type."""
    return command.get("type", 1), command.get("name")


def _duplicate_name(errors: FormErrors, path: tuple[str | int, ...]) -> None:
    errors.add(
        path, "APPLICATION_COMMANDS_DUPLICATE_NAME", "Application command names must be unique"
    )


def _check_command(errors: FormErrors, path: tuple[int, ...], command: dict[str, Any]) -> None:
    chat_input = command.get("type", 1) == 1
    if chat_input:
        _check_name(errors, (*path, "name"), command.get("name"))
        errors.length(
            (*path, "description"), command.get("description"), 1, limits.COMMAND_DESCRIPTION_MAX
        )
    else:
        errors.length((*path, "name"), command.get("name"), 1, limits.COMMAND_NAME_MAX)
    permissions = command.get("default_member_permissions")
    if permissions is not None and not 0 <= int(permissions) <= limits.PERMISSIONS_MAX:
        errors.add(
            (*path, "default_member_permissions"),
            "NUMBER_TYPE_MAX",
            f"int value should be less than or equal to {limits.PERMISSIONS_MAX}.",
        )
    options = command.get("options") or []
    if options and not chat_input:
        errors.add((*path, "options"), "BASE_TYPE_MAX_LENGTH", "Must be 0 or fewer in length.")
    _check_options(errors, (*path, "options"), options, parent=0)


def _check_name(errors: FormErrors, path: tuple[str | int, ...], name: Any) -> None:
    if not isinstance(name, str) or not _NAME.fullmatch(name) or name != name.lower():
        errors.add(path, "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")


def _check_options(
    errors: FormErrors, path: tuple[str | int, ...], options: list[dict[str, Any]], parent: int
) -> None:
    """Check an options list; ``parent`` is 0 (command), 1 (subcommand) or 2 (group)."""
    errors.max_length(path, options, limits.COMMAND_OPTIONS_MAX)
    kinds = [o.get("type") for o in options]
    nested = [k for k in kinds if k in (SUBCOMMAND, GROUP)]
    if nested and len(nested) != len(kinds):
        errors.add(
            path,
            "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID",
            "Sub-command and sub-command group option types are mutually exclusive to all "
            "other types",
        )
    names = [o.get("name") for o in options]
    if len(set(names)) != len(names):
        errors.add(
            path,
            "APPLICATION_COMMAND_OPTIONS_DUPLICATE_NAME",
            "Command option names must be unique",
        )
    required = [bool(o.get("required")) for o in options]
    if required != sorted(required, reverse=True):
        errors.add(
            path,
            "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
            "Required options must be placed before non-required options",
        )
    for i, option in enumerate(options):
        _check_option(errors, (*path, i), option, parent)


def _check_option(
    errors: FormErrors, path: tuple[str | int, ...], option: dict[str, Any], parent: int
) -> None:
    kind = option.get("type")
    _check_name(errors, (*path, "name"), option.get("name"))
    errors.length(
        (*path, "description"), option.get("description"), 1, limits.COMMAND_DESCRIPTION_MAX
    )
    allowed_here = {0: {SUBCOMMAND, GROUP}, GROUP: {SUBCOMMAND}, SUBCOMMAND: set()}[parent]
    if kind in (SUBCOMMAND, GROUP):
        if kind not in allowed_here:
            errors.add(
                (*path, "type"),
                "APPLICATION_COMMAND_OPTION_TYPE_INVALID",
                "Sub-commands can only be nested one level inside a sub-command group",
            )
        else:
            _check_options(errors, (*path, "options"), option.get("options") or [], parent=kind)
        return
    if parent == GROUP:
        errors.add(
            (*path, "type"),
            "APPLICATION_COMMAND_OPTION_TYPE_INVALID",
            "Sub-command groups may only contain sub-commands",
        )
    choices = option.get("choices") or []
    errors.max_length((*path, "choices"), choices, limits.COMMAND_CHOICES_MAX)
    _check_choices(errors, (*path, "choices"), choices)
    if option.get("autocomplete"):
        if choices:
            errors.add(
                (*path, "autocomplete"),
                "APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_CHOICES",
                "Autocomplete cannot be enabled on options with choices",
            )
        if kind not in _AUTOCOMPLETE_TYPES:
            errors.add(
                (*path, "autocomplete"),
                "APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_TYPE",
                "Autocomplete is only supported for string, integer and number options",
            )
