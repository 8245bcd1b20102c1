"""The database layer: engine settings, schema names outside the models, the
shared result cache and backups."""
