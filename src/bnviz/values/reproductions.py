"""Values (measured numbers in prose) of the reproductions chapters; see `bnviz.values`."""

from __future__ import annotations

from bnviz.values import Value

VALUES: list[Value] = []
