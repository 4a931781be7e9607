"""appealkit: 号码误标申诉证据包生成工具。

The public API is :func:`appealkit.build.build_case` and :func:`appealkit.check.check_case`;
the CLI in :mod:`appealkit.cli` only wires options to them.
"""

__version__ = "0.1.0"
