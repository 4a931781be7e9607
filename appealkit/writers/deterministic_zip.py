"""A ZipFile whose entries carry a fixed timestamp, so equal content gives equal bytes."""
from __future__ import annotations

import shutil
import zipfile


class FixedTimeZipFile(zipfile.ZipFile):
    def __init__(self, *args, date_time: tuple[int, int, int, int, int, int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._fixed_time = date_time

    def _info(self, arcname: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(arcname, date_time=self._fixed_time)
        info.compress_type = self.compression
        info.external_attr = 0o644 << 16
        return info

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        name = zinfo_or_arcname.filename if isinstance(zinfo_or_arcname, zipfile.ZipInfo) else zinfo_or_arcname
        super().writestr(self._info(name), data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        info = self._info(arcname or str(filename))
        with open(filename, "rb") as src, self.open(info, "w", force_zip64=True) as dst:
            shutil.copyfileobj(src, dst, 1024 * 1024)
