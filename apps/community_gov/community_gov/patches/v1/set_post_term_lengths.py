"""Governance Settings gain Term Length by Post: a site installed before it gets the defaults (a first secretary
serves two years, a community worker has no term; the other posts keep the Term Length, five years)."""

from community_gov.setup.install import set_default_post_term_lengths


def execute():
	set_default_post_term_lengths()
