"""Load every region and department (overseas and Corsica included) from the committed files.

The files are read here rather than through application code so that this migration keeps
doing what it did when it was written. update_or_create makes it safe to run on a database
that already holds them (loaded by ``load-territories``, for instance).
"""

import json
from pathlib import Path

from django.db import migrations

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def load(apps, schema_editor):
    Region = apps.get_model("territories", "Region")
    Department = apps.get_model("territories", "Department")
    regions = json.loads((DATA_DIR / "regions.json").read_text(encoding="utf-8"))
    departments = json.loads((DATA_DIR / "departments.json").read_text(encoding="utf-8"))
    for row in regions:
        Region.objects.update_or_create(
            code=row["code"], defaults={"name": row["name"], "chef_lieu": row["chef_lieu"]}
        )
    for row in departments:
        Department.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "chef_lieu": row["chef_lieu"],
                "region_id": row["region"],
            },
        )


class Migration(migrations.Migration):
    dependencies = [("territories", "0001_initial")]

    # Reversing keeps the rows: communes and organisations may point to them.
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
