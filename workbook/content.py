"""Loading content: the shipped files inside the package, and a couple's own exercises.

Shipped files are read with ``importlib.resources`` so they work from a wheel. Every file is
validated by the models in ``content_format``, then by ``content_check`` (flow, references,
placeholders) and ``content_privacy`` (no leaks of private answers; not only a form); problems
come back as sentences naming the file, the exercise, the step and the field, with the nearest
valid value. Being only a form is an error in shipped content and a warning in a couple's own.
"""

from __future__ import annotations

import re
import tomllib
import types
import typing
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, RootModel, ValidationError

from workbook.care_format import Pacing, Resources, SafetyCheck
from workbook.content_check import check_exercise, check_wording, nearest, unknown_prerequisites
from workbook.content_format import Choice, Exercise
from workbook.content_format import Path as PathFile
from workbook.content_privacy import check_menu_data, check_privacy, form_problems
from workbook.errors import ContentError
from workbook.wording import fill
from workbook.wording_format import Wording

CONTENT_PACKAGE = "content"
EXERCISES_FOLDER = "exercises"
#: Sentences of the app beyond ``texts.toml``, a file per part of it (progress, milestones...).
TEXTS_FOLDER = "texts"


class Texts(RootModel[dict[str, dict[str, str]]]):
    """``content/texts.toml``: every sentence outside the exercises, by section and key."""

    def say(self, key: str, **names: str) -> str:
        section, _, name = key.partition(".")
        return fill(self.root[section][name], names)


@dataclass(frozen=True)
class Library:
    """All content the app runs on."""

    path: PathFile
    texts: Texts
    exercises: dict[str, Exercise]
    safety: SafetyCheck
    resources: Resources
    pacing: Pacing
    wording: Wording
    """The gentle wording checks a step's ``check`` names, by set."""
    problems: list[str] = field(default_factory=list)
    """Problems in the couple's own exercise files, which were left out."""
    warnings: list[str] = field(default_factory=list)
    """Warnings on the couple's own exercise files, which were still loaded."""

    def say(self, key: str, **names: str) -> str:
        return self.texts.say(key, **names)

    def category_label(self, category_id: str) -> str:
        for category in self.path.categories:
            if category.id == category_id:
                return category.label
        return category_id


def _describe(error: dict[str, Any], data: dict[str, Any], model: type[BaseModel]) -> str:
    """One pydantic error as a sentence naming exercise, step and field."""
    loc = list(error["loc"])
    exercise_id = data.get("id", "?")
    parts = [f"exercise '{exercise_id}'"]
    if len(loc) >= 2 and loc[0] == "steps" and isinstance(loc[1], int):
        steps = data.get("steps", [])
        step = steps[loc[1]] if loc[1] < len(steps) and isinstance(steps[loc[1]], dict) else {}
        parts.append(f"step '{step.get('id', loc[1] + 1)}'")
        loc = loc[2:]
    field_name = ".".join(str(p) for p in loc)
    if field_name:
        parts.append(f"field '{field_name}'")
    message = error["msg"]
    hint = ""
    if error["type"] == "extra_forbidden":
        message = "unknown field"
        hint = nearest(str(error["loc"][-1]), _field_names(model, list(error["loc"][:-1])))
    elif error["type"] == "literal_error":
        allowed = re.findall(r"'([^']*)'", error.get("ctx", {}).get("expected", ""))
        hint = nearest(str(error.get("input")), allowed)
    return f"{', '.join(parts)}: {message}{hint}"


def _field_names(model: type[BaseModel], loc: list[Any]) -> list[str]:
    """The fields allowed at ``loc`` inside ``model`` (to suggest the one meant)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        annotation = current.model_fields[part].annotation
        current = _inner_model(annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) in (
        list,
        typing.Union,
    ):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None


def parse_toml(text: str, source: str) -> tuple[dict[str, Any] | None, list[str]]:
    try:
        return tomllib.loads(text), []
    except tomllib.TOMLDecodeError as error:
        return None, [f"{source}: not valid TOML: {error}"]


def read_exercise(
    text: str, source: str, path: PathFile, *, own: bool = False
) -> tuple[Exercise | None, list[str], list[str]]:
    """Parse and check one exercise file: (the exercise if it has no problem, problems,
    warnings). Being only a form is a problem, or for a couple's ``own`` file a warning."""
    data, problems = parse_toml(text, source)
    if data is None:
        return None, problems, []
    try:
        exercise = Exercise.model_validate(data)
    except ValidationError as error:
        found = [f"{source}: {_describe(e, data, Exercise)}" for e in error.errors()]  # type: ignore[arg-type]
        return None, found, []
    found = [f"{source}: {p}" for p in _problems(exercise, data, path)]
    if found:
        return None, found, []
    form = [f"{source}: {p}" for p in form_problems(exercise)]
    if form and not own:
        return None, form, []
    return _with_categories(exercise, path), [], form


def _problems(exercise: Exercise, data: dict[str, Any], path: PathFile) -> list[str]:
    """Every problem in one valid-looking exercise: flow, references, names and leaks."""
    found = check_exercise(exercise) + check_privacy(exercise) + check_menu_data(data)
    found += check_wording(exercise, shipped_wording().names())
    if exercise.part not in {p.number for p in path.parts}:
        found.append(f"exercise '{exercise.id}', field 'part': no such part")
    return found


def _with_categories(exercise: Exercise, path: PathFile) -> Exercise:
    """Give ``choices_from = "categories"`` steps their choices from the path file."""
    steps = []
    for step in exercise.steps:
        if step.choices_from == "categories":
            choices = [Choice(id=c.id, label=c.label) for c in path.categories]
            step = step.model_copy(update={"choices": choices})
        steps.append(step)
    return exercise.model_copy(update={"steps": steps})


def _shipped(name: str) -> str:
    return resources.files(CONTENT_PACKAGE).joinpath(name).read_text(encoding="utf-8")


def shipped_exercise_files() -> list[tuple[str, str]]:
    """(name, text) of every exercise shipped with the app."""
    folder = resources.files(CONTENT_PACKAGE).joinpath(EXERCISES_FOLDER)
    return sorted(
        (f"{EXERCISES_FOLDER}/{entry.name}", entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".toml")
    )


def shipped_texts() -> Texts:
    """``texts.toml`` and every file in ``texts/`` (one per part of the app), as one set of
    sections; a section named in two files is a bug."""
    merged: dict[str, Any] = {}
    folder = resources.files(CONTENT_PACKAGE).joinpath(TEXTS_FOLDER)
    names = ["texts.toml"] + sorted(
        f"{TEXTS_FOLDER}/{entry.name}" for entry in folder.iterdir() if entry.name.endswith(".toml")
    )
    for name in names:
        data, problems = parse_toml(_shipped(name), name)
        if data is None:
            raise ContentError(problems)
        twice = sorted(set(data) & set(merged))
        if twice:
            raise ContentError([f"{name}: section(s) {', '.join(twice)} already given"])
        merged.update(data)
    try:
        return Texts.model_validate(merged)
    except ValidationError as error:
        raise ContentError([f"texts: {e['loc']}: {e['msg']}" for e in error.errors()]) from error


def _load_model(model: type[BaseModel], name: str) -> Any:
    data, problems = parse_toml(_shipped(name), name)
    if data is None:
        raise ContentError(problems)
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise ContentError([f"{name}: {e['loc']}: {e['msg']}" for e in error.errors()]) from error


@cache
def shipped_wording() -> Wording:
    """``wording.toml``, read once: every exercise file read is checked against its sets."""
    wording: Wording = _load_model(Wording, "wording.toml")
    return wording


def load_library(data_folder: Path | None = None) -> Library:
    """Shipped content (a problem there is a bug: raises) plus the couple's own exercises
    from ``<data>/exercises/`` (a problem there leaves that file out and is reported; a
    warning keeps it in and is reported)."""
    path: PathFile = _load_model(PathFile, "path.toml")
    texts = shipped_texts()
    exercises: dict[str, Exercise] = {}
    shipped_problems: list[str] = []
    for name, text in shipped_exercise_files():
        exercise, problems, _ = read_exercise(text, name, path)
        shipped_problems += problems
        if exercise is not None:
            exercises[exercise.id] = exercise
    shipped_problems += unknown_prerequisites(exercises).values()
    if shipped_problems:
        raise ContentError(shipped_problems)
    own_problems, own_warnings = _add_own(own_exercise_files(data_folder), path, exercises)
    while waiting_in_vain := unknown_prerequisites(exercises):  # only the couple's own now
        for exercise_id, problem in waiting_in_vain.items():
            del exercises[exercise_id]
            own_problems.append(problem)
    ordered = dict(sorted(exercises.items(), key=lambda kv: (kv[1].part, kv[1].title)))
    return Library(
        path=path,
        texts=texts,
        exercises=ordered,
        safety=_load_model(SafetyCheck, "safety.toml"),
        resources=_load_model(Resources, "resources.toml"),
        pacing=_load_model(Pacing, "pacing.toml"),
        wording=shipped_wording(),
        problems=own_problems,
        warnings=own_warnings,
    )


def own_exercise_files(data_folder: Path | None) -> list[Path]:
    if data_folder is None:
        return []
    folder = data_folder / EXERCISES_FOLDER
    return sorted(folder.glob("*.toml")) if folder.is_dir() else []


def _read_own(
    file: Path, path: PathFile, known: dict[str, Exercise]
) -> tuple[Exercise | None, list[str], list[str]]:
    """One of the couple's own files; an id already in ``known`` is refused."""
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return None, [f"{file}: cannot be read as UTF-8 text ({error})"], []
    exercise, problems, warnings = read_exercise(text, str(file), path, own=True)
    if exercise is not None and exercise.id in known:
        used = f"{file}: exercise id '{exercise.id}' is already used by another exercise"
        return None, [used], []
    return exercise, problems, warnings


def _add_own(
    files: list[Path], path: PathFile, known: dict[str, Exercise]
) -> tuple[list[str], list[str]]:
    """Read ``files`` into ``known`` (each id once); (problems, warnings) on the way."""
    problems: list[str] = []
    warnings: list[str] = []
    for file in files:
        exercise, found, warned = _read_own(file, path, known)
        problems += found
        warnings += warned
        if exercise is not None:
            known[exercise.id] = exercise
    return problems, warnings


def check_files(files: list[Path], shipped: dict[str, Exercise]) -> tuple[list[str], list[str]]:
    """(problems, warnings) in the given exercise files (for ``workbook content check``); an id
    may not repeat one in ``shipped`` or in another of the files."""
    path: PathFile = _load_model(PathFile, "path.toml")
    return _add_own(files, path, dict(shipped))
