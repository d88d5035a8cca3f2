"""Terms and elections (换届): terms per cadre and post, started and ended by the records that fill and
empty a post (`lifecycle`), announced before they end (`alerts`)."""
