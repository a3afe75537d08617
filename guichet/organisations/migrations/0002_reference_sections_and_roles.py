"""NAF sections and organisation roles are reference data: present in every database."""

from django.db import migrations

ROLES = {
    "provider": "Offreur de solutions d'IA",
    "training_body": "Organisme de formation",
    "financer": "Financeur ou opérateur de dispositifs",
    "research_lab": "Laboratoire de recherche",
    "sme": "TPE ou PME utilisatrice",
    "place": "Lieu d'acculturation à l'IA",
}


def load(apps, schema_editor):
    from guichet.organisations.naf import SECTIONS

    ActivitySection = apps.get_model("organisations", "ActivitySection")
    Role = apps.get_model("organisations", "Role")
    for code, name in SECTIONS.items():
        ActivitySection.objects.update_or_create(code=code, defaults={"name": name})
    for code, name in ROLES.items():
        Role.objects.update_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
