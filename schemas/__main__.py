"""Print the warehouse's table reference as Markdown (the README's last section):

python -m schemas
"""

from schemas.reference import table_reference

print(table_reference(), end="")
