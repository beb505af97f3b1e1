"""Packs that replace the peers' linters (igluctl, ...): each pack's rules read the
parsed documents of a plan, so they see every keyword the peer sees."""
