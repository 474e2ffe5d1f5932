"""AK9xx: the suppression comments themselves (read and applied by ``agentkit.suppress``)."""

from __future__ import annotations

from ..diagnostics import Severity
from .base import declare

AK901 = declare(
    "AK901",
    "unused-suppression",
    Severity.WARNING,
    "suppression",
    """A suppression comment that suppresses nothing.

    ## What it does
    Reports each code of an `agentkit:` suppression comment that no finding
    used: the finding was fixed, moved off the covered lines, or the comment
    names the wrong code. Codes of rules that did not run on the file (not
    selected, another profile) are not reported.

    ## Why is this bad?
    A stale suppression hides the next real finding of that code on the same
    lines, and tells readers a problem exists where none does.

    ## Example
    ```markdown
    <!-- agentkit: disable-next-line=AK301 -->
    ```python
    print("closed")
    ```
    ```

    ## Use instead
    Remove the comment, or the code that no longer applies.

    ## Fix safety
    Safe: the fix removes the unused code from the comment, or the whole
    comment (with its line, when it stands alone) when no other code is left;
    comments are invisible to Claude Code's reading of the fields, and an HTML
    comment line carries no instruction. A `disable` range is not fixed
    automatically (its `enable` would be left behind).
    """,
    fixable=True,
)

AK902 = declare(
    "AK902",
    "unknown-code-in-suppression",
    Severity.WARNING,
    "suppression",
    """A suppression comment names a code or rule name that does not exist.

    ## What it does
    Reports each item of an `agentkit:` suppression comment that is neither a
    rule code (`AK301`) nor a rule name (`unclosed-code-fence`).

    ## Why is this bad?
    The comment suppresses nothing — usually a typo, so the finding it was
    meant for is still reported (or the rule was renamed).

    ## Example
    ```markdown
    <!-- agentkit: disable=AK31 -->
    ```

    ## Use instead
    ```markdown
    <!-- agentkit: disable=AK301 -->
    ```

    ## Fix safety
    No automatic fix.
    """,
)

AK903 = declare(
    "AK903",
    "malformed-suppression",
    Severity.WARNING,
    "suppression",
    """An `agentkit:` comment agentkit cannot read as a suppression.

    ## What it does
    Reports an `agentkit:` comment whose directive is not one of `disable`,
    `enable`, `disable-next-line` or `disable-file`, or that names no code,
    and an `enable` that closes no `disable`.

    ## Why is this bad?
    The comment does nothing. A suppression must name the codes it suppresses:
    a blanket one would hide every future finding on those lines too.

    ## Example
    ```markdown
    <!-- agentkit: disable -->
    <!-- agentkit: disabel=AK301 -->
    ```

    ## Use instead
    ```markdown
    <!-- agentkit: disable=AK301 -->
    ```

    ## Fix safety
    No automatic fix.
    """,
)
