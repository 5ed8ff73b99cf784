"""Write the warehouse's table reference, from the models, into docs/tables.md (between its
markers):

python -m schemas
"""

from schemas.reference import PAGE, with_reference

PAGE.write_text(with_reference(PAGE.read_text(encoding="utf-8")), encoding="utf-8")
print(f"wrote the table reference into {PAGE}")
