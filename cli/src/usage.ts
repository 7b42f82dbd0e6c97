export const USAGE = `tally: offline audit of a Tally timebank's records

Usage:
  tally demo --out FILE [--members M] [--records N] [--seed S] [--groups G]
      Write a realistic demo export (same seed, same bytes).
      Defaults: --members 50 --records 1000 --seed 1 --groups 1.
  tally ledger FILE [FILE...] [--full] [--pretty] [--canonical] [--pools]
      Derive the ledger from one or more export files (several files are
      merged as a union) and print it as JSON: groups, accounts with
      balances, join requests, flags, equivocations, pending and invalid
      records, totals, and pools, merges and links when there are any.
      --full adds listings and exchanges (within and across groups);
      --pretty indents; --canonical prints the full ledger with keys
      sorted, as the conformance vectors (core/test/vectors) give it.
      --pools prints only the town's pools: each pool's groups with their
      balance, limit and standing, the flows between groups, the exchanges
      across groups by state, and merged groups and linked accounts. Give
      every group's export and the pool's: an exchange counts only when
      the records of every ledger it crosses are present.
  tally verify FILE [FILE...]
      Exit 0 only if every record is valid; otherwise list the first
      problems on stderr and exit 1.
  tally backup DATA_DIR OUT
      Copy a relay's data folder into the new folder OUT, safely while the
      relay runs. To restore: stop the relay, copy OUT's contents into an
      empty DATA_DIR, start the relay (see docs/DEPLOY.md).
  tally help
      Show this text.

Exit codes: 0 ok, 1 verify found records that do not count,
2 bad input or bad usage (one line on stderr starting with "tally: ").
`;
