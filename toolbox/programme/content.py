"""content/program.yaml: the report's fixed texts (background and the
assignment in brief), the programme's tracks, and its activities as demo
data. Validated on load; an error names the file and the key.

The fixed texts and the track names carry their English in an `en:` mapping
beside the Swedish, as in the rest of content/ (toolbox/content.py). The
activities stand in for what leadership writes into the plan: people's own
text, in Swedish only."""

from dataclasses import dataclass
from pathlib import Path

from flask import Flask, current_app

from toolbox.content import KEY, LANGUAGES, ContentError, english, read_yaml, text_in
from toolbox.programme.models import STATUS_LABELS
from toolbox.web.language import current_locale

FILENAME = "program.yaml"
MAX_DAYS = 3650


@dataclass(frozen=True)
class StarterActivity:
    track: str
    title: str
    owner: str
    status: str
    start_days: int
    end_days: int
    outcome: str


@dataclass(frozen=True)
class ProgrammeContent:
    title: str
    background: str
    assignment: str
    assignment_points: tuple[str, ...]
    tracks: tuple[tuple[str, str], ...]  # (key, name)
    activities: tuple[StarterActivity, ...]

    @property
    def track_names(self) -> dict[str, str]:
        return dict(self.tracks)


def _text(where: str, row: object, field: str, required: bool = True) -> str:
    value = row.get(field, "") if isinstance(row, dict) else None
    if not isinstance(value, str) or (required and not value.strip()):
        raise ContentError(f"{where}: {field} saknas eller är inte text")
    return value.strip()


def _days(where: str, row: dict, field: str) -> int:
    value = row.get(field)
    if not isinstance(value, int) or isinstance(value, bool) or abs(value) > MAX_DAYS:
        raise ContentError(f"{where}: {field} ska vara ett heltal ±{MAX_DAYS}")
    return value


def _point_list(where: str, row: dict) -> tuple[str, ...]:
    points = row.get("assignment_points")
    if not isinstance(points, list) or not all(isinstance(p, str) and p.strip() for p in points):
        raise ContentError(f"{where}: assignment_points ska vara en lista med text")
    return tuple(p.strip() for p in points)


def _points(path: Path, data: dict, language: str) -> tuple[str, ...]:
    """The assignment's points in the language; the English as many as the Swedish."""
    swedish = _point_list(str(path), data)
    if language == "sv":
        return swedish
    found = _point_list(f"{path}.en", english(str(path), data))
    if len(found) != len(swedish):
        raise ContentError(f"{path}.en: assignment_points ska ha lika många rader som på svenska")
    return found


def _tracks(path: Path, rows: object, language: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(rows, list) or not rows:
        raise ContentError(f"{path}: tracks saknas")
    found = []
    for index, row in enumerate(rows):
        where = f"{path}: tracks[{index}]"
        key = _text(where, row, "key")
        if not KEY.match(key) or key in dict(found):
            raise ContentError(f"{where}: key {key!r} är ogiltig eller upprepad")
        found.append((key, text_in(language, where, row, "name")))
    return tuple(found)


def _activity(path: Path, index: int, row: object, tracks: dict) -> StarterActivity:
    where = f"{path}: activities[{index}]"
    track = _text(where, row, "track")
    if track not in tracks:
        raise ContentError(f"{where}: okänd del {track!r}")
    status = _text(where, row, "status")
    if status not in STATUS_LABELS:
        raise ContentError(f"{where}: okänd status {status!r}")
    start, end = _days(where, row, "start_days"), _days(where, row, "end_days")
    if end < start:
        raise ContentError(f"{where}: end_days är före start_days")
    return StarterActivity(
        track,
        _text(where, row, "title"),
        _text(where, row, "owner"),
        status,
        start,
        end,
        _text(where, row, "outcome", required=False),
    )


def load_programme_content(path: Path, language: str = "sv") -> ProgrammeContent:
    """The file's texts in one language (Swedish unless told)."""
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise ContentError(f"{path}: ska vara en mappning")
    tracks = _tracks(path, data.get("tracks"), language)
    rows = data.get("activities") or []
    if not isinstance(rows, list):
        raise ContentError(f"{path}: activities ska vara en lista")
    return ProgrammeContent(
        title=text_in(language, str(path), data, "title"),
        background=text_in(language, str(path), data, "background"),
        assignment=text_in(language, str(path), data, "assignment"),
        assignment_points=_points(path, data, language),
        tracks=tracks,
        activities=tuple(_activity(path, n, row, dict(tracks)) for n, row in enumerate(rows)),
    )


def init_app(app: Flask) -> None:
    """Loaded once in every language: a broken file or a missing English text
    stops the start."""
    path = Path(app.config["CONTENT_DIR"]) / FILENAME
    app.extensions["toolbox.programme"] = {
        language: load_programme_content(path, language) for language in LANGUAGES
    }


def get_programme_content() -> ProgrammeContent:
    """The one place the feature reads content/program.yaml: the plan and the
    report take its texts from here, in the request's language (Swedish
    outside one), as toolbox.content.get_content does."""
    by_language = current_app.extensions["toolbox.programme"]
    return by_language.get(str(current_locale()), by_language["sv"])
