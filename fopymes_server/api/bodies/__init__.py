"""Request and response bodies of the API, one module per feature.

They are the wire format (amounts as decimal strings, ids as integers) and carry the
OpenAPI examples; the services keep their own schemas, so the two can change apart.
"""
