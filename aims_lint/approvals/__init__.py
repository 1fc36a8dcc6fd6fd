"""Approvals with proof: what backs each approval beyond the front matter (issue 13).

A document's front matter claims an approval (`approver`, `approved_on`,
`version`). This package says which commit recorded each approval
(`events.py`), what the configuration asks to back it (`levels.py`: claim,
trailer, signed or forge), who held the approver role on the day
(`holders.py`), and the facts git holds about those commits (`model.py`:
signatures, forge records), loaded before rules run like past revisions.
The rules AIMS910-AIMS929 compare the two; the history table, the version
pages and the evidence bundle show the same facts.
"""
