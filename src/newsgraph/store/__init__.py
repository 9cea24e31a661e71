"""The knowledge base: schema, migrations, writer and queries (the only place that writes SQL)."""
