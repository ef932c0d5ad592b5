import pytest

from forensics.toolchain import _find_toolchain


@pytest.fixture(autouse=True)
def _fresh_toolchain():
    """Each test sees the toolchain its own environment selects (FORENSICS_FFMPEG)."""
    _find_toolchain.cache_clear()
    yield
    _find_toolchain.cache_clear()
