"""TensorFlow's start-up lines kept off the terminal.

Importing TensorFlow prints C++ log lines that its own switch, `TF_CPP_MIN_LOG_LEVEL`, does not
silence: absl's "All log messages before absl::InitializeLog() is called" warning, the CUDA
probes ("Could not find cuda drivers", "failed call to cuInit") and CPU feature notes. They are
written to file descriptor 2 from C++, so neither `warnings` nor `logging` can filter them, and
no TensorFlow setting turns them off. `install()`, called when `bnviz` is imported, makes the
first import of TensorFlow (by whichever module imports it first, e.g. through Keras) run with
descriptor 2 sent to a temporary file; the devices are listed then too, which is when the CUDA
probe runs. If the import fails, the captured lines are written out before the error. Set
`BNVIZ_TF_LOGS=1` to see them always.
"""

from __future__ import annotations

import contextlib
import importlib.abc
import importlib.util
import logging
import os
import sys
import tempfile

SHOW_ENV = "BNVIZ_TF_LOGS"


@contextlib.contextmanager
def _descriptor_2_captured():
    """Send file descriptor 2 to a temporary file; on an exception, write what it caught to the
    real descriptor 2 before the exception goes on."""
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as sink:
        os.dup2(sink.fileno(), 2)
        try:
            yield
        except BaseException:
            sys.stderr.flush()
            os.dup2(saved, 2)
            sink.seek(0)
            os.write(2, sink.read())
            raise
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)


class _QuietLoader(importlib.abc.Loader):
    """TensorFlow's own loader, run with descriptor 2 captured."""

    def __init__(self, loader):
        self._loader = loader

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        with _descriptor_2_captured():
            self._loader.exec_module(module)
            module.config.list_physical_devices()  # the CUDA probe prints here
        logging.getLogger("absl").setLevel(logging.ERROR)

    def __getattr__(self, name):  # resources, source and the rest: TensorFlow's loader
        return getattr(self._loader, name)


class _QuietFinder(importlib.abc.MetaPathFinder):
    """Finds `tensorflow` with the other finders, once, and wraps its loader."""

    def find_spec(self, fullname, path, target=None):
        if fullname != "tensorflow":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)
        if spec is not None and spec.loader is not None:
            spec.loader = _QuietLoader(spec.loader)
        return spec


def install() -> None:
    """Quiet TensorFlow's start-up, unless it is already imported or `BNVIZ_TF_LOGS=1`; later
    C++ messages below errors are hidden by `TF_CPP_MIN_LOG_LEVEL=2` unless set otherwise."""
    if os.environ.get(SHOW_ENV) == "1" or "tensorflow" in sys.modules:
        return
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    if not any(isinstance(f, _QuietFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _QuietFinder())
