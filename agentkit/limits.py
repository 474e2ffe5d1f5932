"""How much agentkit reads: bounds that keep hostile files from exhausting time or memory.

The defaults are far above any real agent file (the largest of 1,348 public
agents is 72 KB, nested 4 levels deep) and low enough that the worst file
within them is read in seconds and a few hundred megabytes.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_DEPTH_CEILING = 1000  # deeper trees cannot be checked without exhausting Python's stack


@dataclass(frozen=True, slots=True)
class Limits:
    max_file_size: int = 10 * 1024 * 1024  # bytes; a larger file is reported (AK020), not read
    max_depth: int = 100  # nesting levels of frontmatter lists and mappings (AK021)
    max_values: int = 200_000  # frontmatter values, each alias counted as the values it repeats (AK021)

    def __post_init__(self) -> None:
        if self.max_file_size < 0:
            raise ValueError("the maximum file size must be a number of bytes, 0 or more")
        if not 1 <= self.max_depth <= MAX_DEPTH_CEILING:
            raise ValueError(f"the maximum nesting depth must be between 1 and {MAX_DEPTH_CEILING}")
        if self.max_values < 1:
            raise ValueError("the maximum number of values must be 1 or more")


DEFAULT_LIMITS = Limits()
