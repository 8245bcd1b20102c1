"""Demo data for `flask seed-demo`: one module per feature, loaded in
dependency order by toolbox/cli.py."""
