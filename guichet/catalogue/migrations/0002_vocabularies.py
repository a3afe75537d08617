"""The catalogue's vocabularies are reference data, present in every database."""

from django.db import migrations

AID_TYPES = {
    "information": "Information",
    "financement": "Financement",
    "accompagnement": "Accompagnement",
    "formation": "Formation",
    "expertise": "Expertise et diagnostic",
    "mise-en-relation": "Mise en relation",
}
AUDIENCES = {
    "professionnels": "Professionnels",
    "particuliers": "Particuliers",
    "associations": "Associations",
    "secteur public": "Secteur public",
}


def load(apps, schema_editor):
    from guichet.catalogue.taxonomy import BUSINESS_FUNCTIONS, TECHNIQUES, USE_CASES

    BusinessFunction = apps.get_model("catalogue", "BusinessFunction")
    Technique = apps.get_model("catalogue", "Technique")
    UseCase = apps.get_model("catalogue", "UseCase")
    AidType = apps.get_model("catalogue", "AidType")
    Audience = apps.get_model("catalogue", "Audience")
    for code, name in BUSINESS_FUNCTIONS.items():
        BusinessFunction.objects.update_or_create(code=code, defaults={"name": name})
    for code, name in TECHNIQUES.items():
        Technique.objects.update_or_create(code=code, defaults={"name": name})
    for case in USE_CASES:
        use_case, _ = UseCase.objects.update_or_create(
            code=case.code, defaults={"name": case.name, "keywords": list(case.keywords)}
        )
        use_case.functions.set(case.functions)
        use_case.techniques.set(case.techniques)
    for code, name in AID_TYPES.items():
        AidType.objects.update_or_create(code=code, defaults={"name": name})
    for code, name in AUDIENCES.items():
        Audience.objects.update_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
