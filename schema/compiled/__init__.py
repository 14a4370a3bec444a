"""Compiled reads: the read requests the people and places pages send most, answered without
graphql-core's per-field execution.

graphql-core resolves a request field by field, each through strawberry's field extensions
(the masks and the audit are extensions) and, for nested objects, DataLoaders awaited level by
level: about 25 µs a field, 1,100 fields for a page of residents with their households. Here an
operation is planned once per text (schema/compiled/plan.py); its root fields read everything
the selection needs (schema/compiled/roots.py: the same reads the loaders make, with the
caller's scope in them); then one synchronous walk shapes the answer from those rows
(schema/compiled/run.py, schema/compiled/resolvers.py), through the same checks, masks and
audit notes as the strawberry fields.

Whatever it does not serve — a mutation, a directive, a field without a compiled resolver, a
refused or failing root field, a row the reads did not bring — goes the usual way, unchanged.
``tests/schema/test_compiled.py`` holds the two ways to the same answers, errors and audit
entries.
"""
