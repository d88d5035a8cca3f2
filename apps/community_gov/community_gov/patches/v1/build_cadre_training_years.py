"""Each cadre's training per year (Cadre Training Year) from the attendance already on record; from then on
the training sessions keep it current (community_gov.training.summary)."""

from community_gov.training.summary import rebuild


def execute():
	rebuild()
