"""A tokenizer-free estimate of how many tokens a text costs.

Claude's tokenizer is not public. For English prose and code it averages close
to four characters per token; ideographs, kana and hangul cost about one token
each. The estimate is for budgets and warnings, not for billing.
"""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=1)
def _wide() -> re.Pattern[str]:
    """Wide characters (compiled on first use: most texts are ASCII and never need it)."""
    return re.compile(r"[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")


def estimate(text: str) -> int:
    """Estimated tokens of ``text``: wide characters count one each, the rest one per four characters."""
    if not text:
        return 0
    wide = len(_wide().findall(text)) if not text.isascii() else 0
    return wide + -(-(len(text) - wide) // 4)
