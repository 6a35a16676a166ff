"""Facts about the monitor's runs kept beside the data: when the last cycle ran and how it ended."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from storage.base import StoreBase
from storage.tables import MetaRow

_LAST_CYCLE_KEY = "last_cycle"


@dataclass(frozen=True)
class CycleRecord:
    finished_at: datetime
    ok: bool
    note: str  # one line: counts, or why it failed


class MetaStore(StoreBase):
    def record_cycle(self, record: CycleRecord) -> None:
        value = json.dumps({"finished_at": record.finished_at.isoformat(), "ok": record.ok, "note": record.note})
        with self._tx() as s:
            s.merge(MetaRow(key=_LAST_CYCLE_KEY, value=value))

    def last_cycle(self) -> CycleRecord | None:
        with self._tx() as s:
            row = s.get(MetaRow, _LAST_CYCLE_KEY)
            if row is None:
                return None
            data = json.loads(row.value)
        return CycleRecord(datetime.fromisoformat(data["finished_at"]), bool(data["ok"]), str(data["note"]))
