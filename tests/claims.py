"""Sweeps that back the book's general claims, one function per claim marker.

A paragraph of a chapter whose statement rests on a sweep too slow for the
page (more than about 3 s) is followed by a marker on a line of its own::

    <!-- claim: l2-vs-plain-20-seeds -->

which names ``claim_l2_vs_plain_20_seeds()`` here (hyphens become
underscores, prefix ``claim_``). Each function is self-contained (it imports
gdbook inside), seeded, runs in under about 30 s with
``OPENBLAS_NUM_THREADS=1``, and returns::

    {"holds": bool,   # does the paragraph's statement hold on this sweep?
     "summary": str}  # one line with the count and the spread, e.g.
                      # "L2 more accurate on 15 of 20 seeds, mean +0.3 points,
                      #  range -0.4 to +1.1"

``tests/test_claims.py`` runs each marked function once and fails, naming
the marker's ``docs/<page>.md:<line>``, when the function is missing, when
``holds`` is False, or when a number written in the marked paragraph is not
shown by ``summary`` (the rule of ``hooks/bookkit/numbers.py``). The build
checks only that the function exists (it never runs a sweep) and shows a
note under the paragraph naming it.
"""

from __future__ import annotations
